package org.commercecore.notifications.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.notifications.internal.Recipient;

/** Reads the global recipients store: one customer by id, or every admin by a prefix scan. */
final class Recipients {
    private static final String CUSTOMER = "customer/";
    private static final String ADMIN = "admin/";

    private final KeyValueStore<String, Recipient> store;

    Recipients(KeyValueStore<String, Recipient> store) {
        this.store = store;
    }

    static String customerKey(String customerId) {
        return CUSTOMER + customerId;
    }

    static String adminKey(String customerId) {
        return ADMIN + customerId;
    }

    /** Empty when the customer is not known yet; a deleted customer is a recipient with {@code deleted} set. */
    Optional<Recipient> customer(String customerId) {
        return Optional.ofNullable(store.get(customerKey(customerId)));
    }

    List<Recipient> admins() {
        List<Recipient> admins = new ArrayList<>();
        try (KeyValueIterator<String, Recipient> all = store.prefixScan(ADMIN, new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, Recipient> next = all.next();
                admins.add(next.value);
            }
        }
        return admins;
    }
}

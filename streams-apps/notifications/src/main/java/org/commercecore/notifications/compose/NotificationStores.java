package org.commercecore.notifications.compose;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.commercecore.notifications.internal.OrderFacts;
import org.commercecore.notifications.internal.PendingNotice;
import org.commercecore.notifications.internal.Recipient;
import org.commercecore.platform.serde.InternalSerdes;

/** The notification topology's state stores: names and how each is built. */
public final class NotificationStores {
    /** Global: every customer as a recipient ({@code customer/<id>}), and each admin again under {@code admin/<id>}. */
    public static final String RECIPIENTS = "recipients";
    /** Per order: whose it is and what it was worth, until nothing more can be paid back. */
    public static final String ORDER_FACTS = "order-facts";
    /** The source events already notified, by event id, for the deduplication window. */
    public static final String NOTIFIED = "notified-events";
    /** Notices whose customer is not known yet, by source event id. */
    public static final String PENDING = "pending-notices";

    private NotificationStores() {
    }

    static StoreBuilder<KeyValueStore<String, Recipient>> recipients() {
        // a global store is rebuilt from customers.v1 itself (through RecipientsUpdater, KIP-1024): no changelog
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECIPIENTS), Serdes.String(),
                InternalSerdes.avro(Recipient.class)).withLoggingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, OrderFacts>> orderFacts() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_FACTS), Serdes.String(),
                InternalSerdes.avro(OrderFacts.class));
    }

    static StoreBuilder<WindowStore<String, Long>> notified(Duration window) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(NOTIFIED, window, window, false),
                Serdes.String(), Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<String, PendingNotice>> pending() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.String(),
                InternalSerdes.avro(PendingNotice.class));
    }
}

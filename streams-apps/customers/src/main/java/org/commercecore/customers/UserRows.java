package org.commercecore.customers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;

/**
 * A row of {@code users} as the customer's current profile; a deleted user as a tombstone. The
 * password hash is never captured (the connector excludes the column), so it cannot leak here.
 */
final class UserRows {
    private UserRows() {
    }

    static Optional<KeyValue<String, Customer>> customer(ChangeRow row) {
        String id = row.requiredString("id");
        if (row.deleted()) {
            return Optional.of(KeyValue.pair(id, null));
        }
        NotificationPreferenceColumn preferences = NotificationPreferenceColumn.of(row);
        Customer customer = Customer.newBuilder()
                // the same change sent again yields the same event id, so consumers can drop it
                .setEventId(UUID.nameUUIDFromBytes(("users/" + id + "/" + row.lsn()).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(row.requiredInstant("updated_at"))
                .setCustomerId(id)
                .setEmail(row.requiredString("email"))
                .setDisplayName(row.optionalString("display_name").orElse(null))
                .setRole(role(row.requiredString("role")))
                .setCreatedAt(row.requiredInstant("created_at"))
                .setUpdatedAt(row.requiredInstant("updated_at"))
                .setNotificationChannels(preferences.channels())
                .setNotificationOptOuts(preferences.optOuts())
                .build();
        return Optional.of(KeyValue.pair(id, customer));
    }

    private static CustomerRole role(String role) {
        if (!role.equals("CUSTOMER") && !role.equals("ADMIN")) {
            throw new MalformedRowException("role is " + role + ", not CUSTOMER or ADMIN");
        }
        return CustomerRole.valueOf(role);
    }
}

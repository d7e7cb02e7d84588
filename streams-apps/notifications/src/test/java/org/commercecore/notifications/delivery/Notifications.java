package org.commercecore.notifications.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;
import org.commercecore.schemas.notifications.NotificationKind;

/** Notifications as the topology writes them, for the senders' tests. */
final class Notifications {
    private Notifications() {
    }

    static Notification of(Channel channel, String recipient, String body) {
        String id = UUID.randomUUID().toString();
        return Notification.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setNotificationId(id).setCustomerId("c-ada").setCorrelationId("o-1").setSourceEventId(UUID.randomUUID().toString())
                .setChannel(channel).setKind(NotificationKind.ORDER_CONFIRMED).setRecipient(recipient)
                .setSubject("Your order o-1 is confirmed").setBody(body)
                .setDetails(Map.of("order_id", "o-1", "display_name", "Ada")).build();
    }
}

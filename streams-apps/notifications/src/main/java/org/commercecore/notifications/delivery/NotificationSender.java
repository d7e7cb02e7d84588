package org.commercecore.notifications.delivery;

import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;

/**
 * The port through which a notification leaves the system, one adapter per channel. {@code send}
 * returns once the receiver has accepted the notification, or throws. It may be called again for
 * the same notification (a retry, or a delivery whose outcome was not committed before a crash),
 * so an adapter hands the receiver the notification id to deduplicate on.
 */
public interface NotificationSender {
    Channel channel();

    void send(Notification notification) throws DeliveryFailure;
}

package org.commercecore.notifications.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.DeliveryStatus;

/**
 * Delivery outcomes as {@code commerce.notifications.deliveries{channel, status}} (delivered,
 * failed, expired), and notifications that could not be decoded. Counted after the outcome's
 * transaction committed, so each notification counts once per outcome recorded.
 */
public final class DeliveryMeters {
    static final String DELIVERIES = "commerce.notifications.deliveries";
    static final String UNDECODABLE = "commerce.notifications.undecodable";

    private final MeterRegistry meters;
    private final Counter undecodable;

    public DeliveryMeters(MeterRegistry meters) {
        this.meters = meters;
        this.undecodable = Counter.builder(UNDECODABLE).description("Notifications dead-lettered because they could not be decoded")
                .register(meters);
    }

    void outcome(Channel channel, DeliveryStatus status) {
        Counter.builder(DELIVERIES).description("Notification outcomes recorded, by channel and status")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(meters).increment();
    }

    void undecodable() {
        undecodable.increment();
    }
}

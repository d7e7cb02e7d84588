package org.commercecore.orders;

import java.time.Duration;
import java.util.List;
import org.commercecore.platform.config.Setting;

/** The orders app's own settings: the fraud check's limit and the saga's deadline (besides every Streams app's). */
public final class OrdersSettings {
    static final Setting<Integer> FRAUD_LIMIT_MINOR = Setting.integer("fraud.limit.minor",
            "most a customer may spend within the fraud window, in minor units", 1_000_000).requiring(n -> n > 0, "must be positive");
    static final Setting<Duration> FRAUD_WINDOW = Setting.duration("fraud.window",
            "the sliding window of the fraud spend limit", Duration.ofHours(24)).requiring(d -> !d.isZero(), "must not be zero");
    static final Setting<Duration> SAGA_DEADLINE = Setting.duration("orders.saga.deadline",
            "how long a placed order waits for its replies (every line's stock, the payment, the fraud check) from when"
                    + " the orders app took it in before it is rejected as TIMEOUT and compensated", Duration.ofSeconds(30))
            .requiring(d -> d.toMillis() > 0, "must be positive (at least 1ms)");

    private OrdersSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(FRAUD_LIMIT_MINOR, FRAUD_WINDOW, SAGA_DEADLINE);
    }
}

package org.commercecore.payments;

import java.time.Duration;
import java.util.List;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Setting;

/** The payments app's own settings: the simulated provider's rules and how many calls run at once (besides every Streams app's). */
public final class PaymentsSettings {
    static final Setting<Integer> CONCURRENCY = Setting.integer("payments.provider.concurrency",
            "provider calls under way at once", 16).requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Integer> LIMIT_MINOR = Setting.integer("payments.simulated.limit.minor",
            "simulated provider: authorizations above this amount (minor units) are declined", 500_000)
            .requiring(n -> n > 0, "must be positive");
    static final Setting<String> DECLINED_PREFIX = Setting.string("payments.simulated.declined.prefix",
            "simulated provider: customers whose id starts with this are declined", "declined-");
    static final Setting<Duration> LATENCY = Setting.duration("payments.simulated.latency",
            "simulated provider: time every call takes", Duration.ZERO);
    static final Setting<Integer> FAILURE_PERCENT = Setting.integer("payments.simulated.failure.percent",
            "simulated provider: percent of calls that fail as unavailable and are retried", 0)
            .requiring(n -> n >= 0 && n < 100, "must be from 0 to 99");

    private PaymentsSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(CONCURRENCY, LIMIT_MINOR, DECLINED_PREFIX, LATENCY, FAILURE_PERCENT);
    }

    static SimulatedPaymentProvider.Rules rules(ConfigSource source) {
        return new SimulatedPaymentProvider.Rules(source.get(LIMIT_MINOR), source.get(DECLINED_PREFIX), source.get(LATENCY),
                source.get(FAILURE_PERCENT) / 100.0);
    }
}

package org.commercecore.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderTransitionRefused;

/**
 * What the order aggregate decides, as meters: orders placed, every status change by target
 * status and rejection reason, refused transitions, and the saga's duration from the order's
 * {@code placed_at} (the write side's commit) to the event that decided it, and the orders that
 * timed out by whom they still waited for. Tags are enums only.
 * Counted when decided on the stream thread: after a task aborts, its reprocessed records count
 * again (as Kafka Streams' own rates do); the exact counts are the events in the log.
 */
final class OrderMeters {
    static final String PLACED = "commerce.orders.placed";
    static final String TRANSITIONS = "commerce.orders.transitions";
    static final String REFUSALS = "commerce.orders.refusals";
    static final String SAGA = "commerce.orders.saga.duration";
    static final String TIMEOUTS = "commerce.orders.saga.timeouts";

    private final MeterRegistry meters;
    private final Counter placed;

    OrderMeters(MeterRegistry meters) {
        this.meters = meters;
        this.placed = Counter.builder(PLACED).description("Orders accepted as placed").register(meters);
    }

    void placed() {
        placed.increment();
    }

    /** One event the aggregate published; {@code decidedAt} is that event's time. */
    void published(Object payload, Optional<Instant> placedAt, Instant decidedAt) {
        if (payload instanceof OrderStatusChanged changed) {
            String to = tag(changed.getToStatus().name());
            Counter.builder(TRANSITIONS).description("Order status changes, by the status reached and the rejection reason")
                    .tag("to_status", to)
                    .tag("reason", changed.getReasonCode() == null ? "none" : tag(changed.getReasonCode().name()))
                    .register(meters).increment();
            if (changed.getFromStatus() == OrderStatus.PLACED && placedAt.isPresent()) {
                sagaTimer(to).record(Duration.between(placedAt.get(), decidedAt).isNegative() ? Duration.ZERO
                        : Duration.between(placedAt.get(), decidedAt));
            }
        } else if (payload instanceof OrderTransitionRefused refused) {
            Counter.builder(REFUSALS).description("Transitions refused as illegal, by what was attempted")
                    .tag("attempted", tag(refused.getAttempted())).register(meters).increment();
        }
    }

    /** An order rejected as TIMEOUT; {@code awaited} names who had not answered (at most 7 combinations). */
    void timedOut(Set<Order.Awaited> awaited) {
        Counter.builder(TIMEOUTS).description("Orders rejected as TIMEOUT, by the participants that had not answered")
                .tag("awaited", awaited.stream().map(a -> tag(a.name())).collect(Collectors.joining("+")))
                .register(meters).increment();
    }

    private Timer sagaTimer(String outcome) {
        return Timer.builder(SAGA)
                .description("From the order's commit on the write side to its first decision (confirmed, rejected, cancelled)")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters);
    }

    private static String tag(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

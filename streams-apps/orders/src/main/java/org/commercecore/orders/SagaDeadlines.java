package org.commercecore.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The deadlines of one task's PLACED orders, soonest first. Kept in memory only: a store of its
 * own would cost a changelog write per order, and the orders store already holds what rebuilds
 * it (every PLACED order and its placed_at), so the aggregate fills it by one scan when its task
 * starts, after restoration, and keeps it as orders are placed and decided.
 */
final class SagaDeadlines {
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_CHECK_INTERVAL = Duration.ofSeconds(5);

    /** A PLACED order and when it times out. */
    record Due(Instant at, String orderId) {
    }

    private final Map<String, Instant> byOrder = new HashMap<>();
    private final NavigableSet<Due> bySoonest = new TreeSet<>(Comparator.comparing(Due::at).thenComparing(Due::orderId));

    /**
     * How often the wall clock is checked against the deadlines: a tenth of the deadline, between
     * 100 ms and 5 s, so an order is rejected at most that late and an idle check costs nearly nothing.
     */
    static Duration checkInterval(Duration deadline) {
        Duration tenth = deadline.dividedBy(10);
        return tenth.compareTo(MIN_CHECK_INTERVAL) < 0 ? MIN_CHECK_INTERVAL
                : tenth.compareTo(MAX_CHECK_INTERVAL) > 0 ? MAX_CHECK_INTERVAL : tenth;
    }

    /** Starts tracking an order; one tracked already keeps its deadline. */
    void track(String orderId, Instant deadline) {
        if (byOrder.putIfAbsent(orderId, deadline) == null) {
            bySoonest.add(new Due(deadline, orderId));
        }
    }

    void forget(String orderId) {
        Instant deadline = byOrder.remove(orderId);
        if (deadline != null) {
            bySoonest.remove(new Due(deadline, orderId));
        }
    }

    /** The orders whose deadline is {@code now} or earlier, soonest first; they stay tracked until forgotten. */
    List<Due> dueBy(Instant now) {
        List<Due> due = new ArrayList<>();
        for (Due next : bySoonest) {
            if (next.at().isAfter(now)) {
                break;
            }
            due.add(next);
        }
        return due;
    }
}

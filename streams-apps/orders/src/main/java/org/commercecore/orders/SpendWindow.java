package org.commercecore.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commercecore.orders.internal.CheckedOrder;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.Spend;
import org.commercecore.orders.internal.SpendBucket;

/**
 * One customer's spend within the fraud window, in bounded space: the passed spend summed into
 * time buckets of {@code window / BUCKETS} (aligned to the epoch), and the ids of the last
 * {@link #RECENT_ORDERS} orders checked, so an OrderPlaced seen again is not checked twice.
 *
 * <p>The rule counts the spend placed at or after {@code placed_at - window}. A bucket counts
 * while any instant of it is in the window, so the check is conservative by at most one bucket:
 * it may count spend placed up to one bucket width before the window began (never less than the
 * exact rule counts), and so may fail an order the exact rule would pass, never the reverse.
 * Buckets before the window are dropped; should out-of-order placing times leave more than
 * {@code BUCKETS + 1} buckets, the oldest is merged into the next (counted longer: conservative
 * again). An order whose id has dropped out of the recent ids (more than {@link #RECENT_ORDERS}
 * orders of the customer since, or older than the window) and arrives again would be checked
 * again and counted twice: conservative too. Such repeats are rare: the intake publishes one
 * OrderPlaced per order row, however often Debezium sends the row.
 */
final class SpendWindow {
    static final int BUCKETS = 24;
    static final int RECENT_ORDERS = 32;

    private final FraudLimits rule;
    private final long bucketMillis;
    private final TreeMap<Long, Long> buckets = new TreeMap<>();
    private final LinkedHashMap<String, Instant> recent = new LinkedHashMap<>();
    private Instant lastSeenAt;

    private SpendWindow(FraudLimits rule) {
        this.rule = rule;
        this.bucketMillis = bucketWidth(rule).toMillis();
    }

    /** The width of one bucket: the window divided into {@link #BUCKETS}, at least a millisecond. */
    static Duration bucketWidth(FraudLimits rule) {
        return Duration.ofMillis(Math.max(1, rule.window().toMillis() / BUCKETS));
    }

    /** The customer's window as stored; entries the first release stored one per order are moved into buckets. */
    static SpendWindow of(FraudLimits rule, CustomerSpend stored) {
        SpendWindow window = new SpendWindow(rule);
        window.lastSeenAt = Instant.EPOCH;
        if (stored == null) {
            return window;
        }
        stored.getBuckets().forEach(b -> window.buckets.merge(b.getStart().toEpochMilli(), b.getAmountMinor(), Long::sum));
        stored.getRecentOrders().forEach(o -> window.recent.put(o.getOrderId(), o.getPlacedAt()));
        window.lastSeenAt = stored.getLastSeenAt();
        List<Spend> legacy = new ArrayList<>(stored.getOrders());
        legacy.sort(Comparator.comparing(Spend::getPlacedAt));
        legacy.forEach(s -> window.record(s.getOrderId(), s.getAmountMinor(), s.getPlacedAt()));
        return window;
    }

    /** Whether the order was checked already (and is still remembered). */
    boolean checked(String orderId) {
        return recent.containsKey(orderId);
    }

    /** The spend counted against an order placed at {@code placedAt}, after dropping what is before its window. */
    long spendBefore(Instant placedAt) {
        long since = placedAt.minus(rule.window()).toEpochMilli();
        buckets.headMap(since - bucketMillis, true).clear(); // these end at or before since
        recent.values().removeIf(at -> at.toEpochMilli() < since);
        return buckets.tailMap(since - bucketMillis, false).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Remembers a checked order: its spend (0 for a failed one) in its bucket, its id among the recent ones. */
    void record(String orderId, long amountMinor, Instant placedAt) {
        if (amountMinor != 0) {
            buckets.merge(Math.floorDiv(placedAt.toEpochMilli(), bucketMillis) * bucketMillis, amountMinor, Long::sum);
        }
        while (buckets.size() > BUCKETS + 1) {
            Map.Entry<Long, Long> oldest = buckets.pollFirstEntry();
            buckets.merge(buckets.firstKey(), oldest.getValue(), Long::sum);
        }
        recent.remove(orderId);
        recent.put(orderId, placedAt);
        while (recent.size() > RECENT_ORDERS) {
            recent.remove(recent.keySet().iterator().next());
        }
    }

    /** The record timestamp of an order of the customer: stream time, what the sweep measures idleness in. */
    void seenAt(long recordTimestamp) {
        if (recordTimestamp > lastSeenAt.toEpochMilli()) {
            lastSeenAt = Instant.ofEpochMilli(recordTimestamp);
        }
    }

    /**
     * Whether nothing of this customer can matter any more at stream time {@code now}: two windows
     * after the customer's newest order, taken as the latest of its record timestamp and of every
     * placing time kept (legacy entries included), one window for the rule and one of tolerance
     * for an order whose placing time lags the task's stream time (the highest record timestamp
     * across its partitions). An order placed more than a window before its record timestamp could
     * find its customer's older spend gone, the one way this bound can count less than the rule.
     */
    static boolean expired(FraudLimits rule, CustomerSpend stored, long now) {
        long bucket = bucketWidth(rule).toMillis();
        long newest = stored.getLastSeenAt().toEpochMilli();
        for (Spend legacy : stored.getOrders()) {
            newest = Math.max(newest, legacy.getPlacedAt().toEpochMilli());
        }
        for (CheckedOrder order : stored.getRecentOrders()) {
            newest = Math.max(newest, order.getPlacedAt().toEpochMilli());
        }
        for (SpendBucket b : stored.getBuckets()) {
            newest = Math.max(newest, b.getStart().toEpochMilli() + bucket);
        }
        return newest + 2 * rule.window().toMillis() < now;
    }

    int bucketCount() {
        return buckets.size();
    }

    CustomerSpend toStored() {
        List<SpendBucket> stored = new ArrayList<>(buckets.size());
        buckets.forEach((start, amount) -> stored.add(SpendBucket.newBuilder().setStart(Instant.ofEpochMilli(start))
                .setAmountMinor(amount).build()));
        List<CheckedOrder> orders = new ArrayList<>(recent.size());
        recent.forEach((id, at) -> orders.add(CheckedOrder.newBuilder().setOrderId(id).setPlacedAt(at).build()));
        return CustomerSpend.newBuilder().setOrders(List.of()).setBuckets(stored).setRecentOrders(orders)
                .setLastSeenAt(lastSeenAt).build();
    }
}

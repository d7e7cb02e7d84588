package org.commercecore.benchmarks.measure;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log records written per order, by topic: the growth of each topic's summed latest offsets over a
 * scenario, divided by the orders it handled. Offsets count transaction markers too (every
 * exactly-once commit writes one per partition it touched), so this is log entries written, a bit
 * more than the records an application produced.
 */
public final class RecordsPerTopic {
    private RecordsPerTopic() {
    }

    /** Topics that grew, largest first; a topic created during the scenario counts from zero. */
    public static Map<String, Double> perOrder(Map<String, Long> before, Map<String, Long> after, long orders) {
        if (orders <= 0) {
            throw new IllegalArgumentException("orders must be positive: " + orders);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue() / (double) orders));
        return out;
    }

    public static double total(Map<String, Double> perOrder) {
        return perOrder.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}

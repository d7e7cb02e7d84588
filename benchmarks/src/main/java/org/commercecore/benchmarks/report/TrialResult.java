package org.commercecore.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one trial of a scenario measured: its headline figures by name (in the order shown), the
 * core-milliseconds per order of each part of the stack, the log records written per order by
 * topic, and tables of its own (per-hop latency, the outcome mix).
 */
public record TrialResult(Map<String, Double> figures, Map<String, Double> cpuMsPerOrder, Map<String, Double> recordsPerOrder,
                          List<Table> tables) {
    public TrialResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        cpuMsPerOrder = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cpuMsPerOrder));
        recordsPerOrder = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recordsPerOrder));
        tables = List.copyOf(tables);
    }
}

package org.commercecore.benchmarks.measure;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram (recorded in microseconds), in milliseconds. */
public record LatencySummary(long count, double p50, double p95, double p99, double max) {

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    /** A histogram for latencies up to an hour, 3 significant digits, safe to record into from many threads. */
    public static Histogram newHistogram() {
        return new org.HdrHistogram.SynchronizedHistogram(3_600_000_000L, 3);
    }

    /** Records {@code nanos} (clamped at 0) as microseconds. */
    public static void record(Histogram micros, long nanos) {
        micros.recordValue(Math.min(Math.max(0, nanos / 1_000), micros.getHighestTrackableValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}

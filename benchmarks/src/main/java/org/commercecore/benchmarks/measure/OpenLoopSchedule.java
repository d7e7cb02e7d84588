package org.commercecore.benchmarks.measure;

import java.time.Duration;

/**
 * When each request of an open-loop run is meant to go out: request i at {@code start + i / rate}.
 * Latency is measured from this intended time, not from when the request actually left, so a
 * stalled system cannot hide its stall by slowing the load down (no coordinated omission).
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond, Duration duration) {

    public OpenLoopSchedule {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive: " + ratePerSecond);
        }
    }

    /** How many requests the run sends: one per 1/rate within the duration. */
    public int count() {
        return (int) Math.max(1, Math.floor(ratePerSecond * duration.toNanos() / 1e9));
    }

    /** The intended send time of request {@code i} (0-based), on the {@link System#nanoTime()} scale. */
    public long intendedNanos(int i) {
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }

    /** The first request not yet due at {@code nowNanos}: requests below it should have been sent. */
    public int dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
        return (int) Math.min(due, count());
    }
}

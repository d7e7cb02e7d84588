package org.commercecore.notifications.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait between attempts: exponential backoff with full jitter (each wait
 * drawn uniformly between zero and the capped exponential), so that receivers recovering from an
 * outage are not hit by every worker's retries at the same instant.
 *
 * @param attempts at most this many attempts in all, the first included
 * @param initial  the cap of the first wait, doubled for each later one
 * @param max      no wait longer than this
 */
public record RetryPolicy(int attempts, Duration initial, Duration max) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The wait before attempt {@code next} (2 for the first retry). */
    public Duration backoff(int next, RandomGenerator random) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(next - 2, 30));
        return Duration.ofMillis(cap <= 0 ? 0 : random.nextLong(cap + 1));
    }

    /** The longest all attempts' waits can add up to, for sizing the transaction that records the outcome. */
    public Duration longestWaits() {
        Duration total = Duration.ZERO;
        for (int next = 2; next <= attempts; next++) {
            total = total.plusMillis(Math.min(max.toMillis(), initial.toMillis() << Math.min(next - 2, 30)));
        }
        return total;
    }
}

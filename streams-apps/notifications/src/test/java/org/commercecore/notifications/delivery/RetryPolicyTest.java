package org.commercecore.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(3));

    @Test
    void eachWaitIsJitteredBelowItsDoublingCappedBound() {
        SplittableRandom random = new SplittableRandom(42);
        long[] bounds = {500, 1000, 2000, 3000, 3000};
        for (int next = 2; next <= 6; next++) {
            long most = 0;
            long least = Long.MAX_VALUE;
            for (int i = 0; i < 2000; i++) {
                long wait = policy.backoff(next, random).toMillis();
                most = Math.max(most, wait);
                least = Math.min(least, wait);
            }
            long bound = bounds[next - 2];
            assertThat(most).as("retry %d", next - 1).isLessThanOrEqualTo(bound).isGreaterThan(bound * 9 / 10);
            assertThat(least).as("full jitter reaches near zero").isLessThan(bound / 10);
        }
    }

    @Test
    void theLongestWaitsAreTheSumOfTheBounds() {
        assertThat(policy.longestWaits()).isEqualTo(Duration.ofMillis(500 + 1000 + 2000 + 3000 + 3000));
        assertThat(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).longestWaits()).isZero();
    }
}

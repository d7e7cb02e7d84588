package org.commercecore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the soak tells how long a fault kept the terminal rate down. */
class RateBackTest {
    private static final int RATE = 10; // 100 orders per 10 s bucket

    @Test
    void aDipLastsFromTheFaultUntilTheFirstBucketBackAtNinetyPercent() {
        List<Timeline.Bucket> buckets = buckets(100, 100, 40, 0, 60, 95, 100);
        assertThat(SoakIT.rateBack(buckets, 25_000, RATE)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void aFaultThatNeverLowersTheRateHasNoRecoveryTime() {
        assertThat(SoakIT.rateBack(buckets(100, 100, 95, 100, 100, 100), 12_000, RATE)).isNull();
    }

    @Test
    void aDipThatStartsABucketAfterTheFaultStillCounts() {
        assertThat(SoakIT.rateBack(buckets(100, 100, 30, 100), 5_000, RATE)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void aRateThatNeverComesBackCountsToTheEndOfTheRun() {
        assertThat(SoakIT.rateBack(buckets(100, 20, 20), 10_000, RATE)).isEqualTo(Duration.ofSeconds(20));
    }

    private static List<Timeline.Bucket> buckets(int... terminal) {
        List<Timeline.Bucket> out = new ArrayList<>();
        for (int i = 0; i < terminal.length; i++) {
            out.add(new Timeline.Bucket(i * 10_000L, terminal[i], 0));
        }
        return out;
    }
}

package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestoreWatchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long START = 1_000_000_000L;

    private static long at(int seconds) {
        return START + Duration.ofSeconds(seconds).toNanos();
    }

    private static Readiness restoring(int partitions, long toGo) {
        return Readiness.parse("{\"status\":\"DOWN\",\"checks\":{\"state\":{\"up\":false,\"detail\":\"" + partitions
                + " store partition(s) restoring, " + toGo + " record(s) to go\"}}}");
    }

    private static final Readiness REBALANCING =
            Readiness.parse("{\"status\":\"DOWN\",\"checks\":{\"streams\":{\"up\":false,\"detail\":\"REBALANCING\"}}}");

    @Test
    void logsTheRestorationWithTheAppsNameWhenItChangesAtMostEveryFewSeconds() {
        RestoreWatch watch = new RestoreWatch("commerce-notifications", TIMEOUT, START);

        assertThat(watch.observe(REBALANCING, at(0))).isEmpty();
        assertThat(watch.observe(restoring(4, 114), at(1)))
                .contains("commerce-notifications: restoring state: 4 store partition(s) restoring, 114 record(s) to go");
        assertThat(watch.observe(restoring(4, 114), at(2))).as("unchanged").isEmpty();
        assertThat(watch.observe(restoring(4, 100), at(3))).as("changed, but too soon").isEmpty();
        assertThat(watch.observe(restoring(4, 90), at(6)))
                .contains("commerce-notifications: restoring state: 4 store partition(s) restoring, 90 record(s) to go");
        assertThat(watch.observe(restoring(4, 90), at(20))).as("unchanged, however long").isEmpty();
    }

    @Test
    void givesUpAfterTheTimeoutWhenNothingRestores() {
        RestoreWatch watch = new RestoreWatch("commerce-orders", TIMEOUT, START);

        watch.observe(REBALANCING, at(60));
        assertThat(watch.expired(at(119))).isFalse();
        assertThat(watch.expired(at(120))).isTrue();
        assertThat(watch.gaveUpAfter(at(120))).isEqualTo("within 120 s");
    }

    @Test
    void aRestorationStuckAtTheSameCountGivesUpAtTheTimeout() {
        RestoreWatch watch = new RestoreWatch("commerce-notifications", TIMEOUT, START);

        for (int s = 0; s <= 120; s += 10) {
            watch.observe(restoring(4, 114), at(s));
        }
        assertThat(watch.expired(at(120))).isTrue();
    }

    @Test
    void aRestorationThatKeepsFallingIsWaitedForPastTheTimeout() {
        RestoreWatch watch = new RestoreWatch("commerce-inventory", TIMEOUT, START);

        long toGo = 1_000_000;
        for (int s = 0; s <= 300; s += 10) {
            watch.observe(restoring(6, toGo - 3_000L * s / 10), at(s));
            assertThat(watch.expired(at(s))).isFalse();
        }
        // then it stops moving: a whole timeout after its last progress (at 300 s) the wait gives up
        watch.observe(restoring(6, toGo - 3_000L * 30), at(310));
        assertThat(watch.expired(at(419))).isFalse();
        assertThat(watch.expired(at(420))).isTrue();
        assertThat(watch.gaveUpAfter(at(420))).isEqualTo("within 420 s (its restoration made no progress for the last 120 s)");
    }

    @Test
    void moreRecordsToGoIsNoProgress() {
        RestoreWatch watch = new RestoreWatch("query-api-1", TIMEOUT, START);

        watch.observe(restoring(2, 100), at(0));
        watch.observe(restoring(4, 5_000), at(100)); // more partitions assigned: further away, not closer
        assertThat(watch.expired(at(120))).isTrue();
    }
}

package org.commercecore.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RestoreProgress progress = new RestoreProgress(meters);
    private final TopicPartition p0 = new TopicPartition("app-orders-changelog", 0);
    private final TopicPartition p1 = new TopicPartition("app-orders-changelog", 1);

    @Test
    void notReadyUntilEveryRestorationEndsAndTheRemainingRecordsCountDown() {
        assertThat(progress.restored().check().up()).isTrue();

        progress.onRestoreStart(p0, "orders", 100, 1100);
        progress.onRestoreStart(p1, "orders", 0, 500);
        assertThat(progress.restored().check().up()).isFalse();
        assertThat(progress.restored().check().detail()).isEqualTo("2 store partition(s) restoring, 1500 record(s) to go");
        assertThat(remaining()).isEqualTo(1500);
        assertThat(meters.get(RestoreProgress.RESTORING_METER).gauge().value()).isEqualTo(2);

        progress.onBatchRestored(p0, "orders", 700, 600);
        assertThat(remaining()).isEqualTo(900);
        progress.onRestoreEnd(p0, "orders", 1000);
        assertThat(remaining()).isEqualTo(500);
        assertThat(progress.restored().check().up()).isFalse();

        progress.onRestoreSuspended(p1, "orders", 0); // the task moved away: nothing left to wait for here
        assertThat(progress.restored().check().up()).isTrue();
        assertThat(remaining()).isZero();
        assertThat(meters.get(RestoreProgress.RESTORED_METER).tags("store", "orders").counter().count()).isEqualTo(600);
    }

    private double remaining() {
        return meters.get(RestoreProgress.REMAINING_METER).gauge().value();
    }
}

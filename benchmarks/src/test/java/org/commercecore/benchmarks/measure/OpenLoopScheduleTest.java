package org.commercecore.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
    private final OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 200, Duration.ofSeconds(2));

    @Test
    void spacesRequestsOneOverTheRateApartFromTheStart() {
        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(schedule.intendedNanos(200)).isEqualTo(1_000 + 1_000_000_000L);
    }

    @Test
    void sendsRateTimesDurationRequests() {
        assertThat(schedule.count()).isEqualTo(400);
    }

    @Test
    void countsTheRequestsDueByAGivenTimeWithoutPassingTheTotal() {
        assertThat(schedule.dueBy(0)).isZero();
        assertThat(schedule.dueBy(1_000)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000 + 5_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(Long.MAX_VALUE / 4)).isEqualTo(400);
    }

    @Test
    void refusesARateOfZero() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}

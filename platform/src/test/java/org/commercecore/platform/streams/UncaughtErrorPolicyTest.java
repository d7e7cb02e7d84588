package org.commercecore.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UncaughtErrorPolicyTest {
    private final MutableClock clock = new MutableClock();
    private final UncaughtErrorPolicy policy = new UncaughtErrorPolicy(2, Duration.ofMinutes(1), clock);

    @Test
    void replacesADeadThreadWhileFailuresAreRare() {
        assertThat(policy.handle(new IllegalStateException("boom"))).isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(2));
        assertThat(policy.handle(new IllegalStateException("boom"))).isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(2));
        assertThat(policy.handle(new IllegalStateException("boom"))).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shutsTheInstanceDownWhenThreadsKeepDying() {
        assertThat(policy.handle(new IllegalStateException("1"))).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(new IllegalStateException("2"))).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(new IllegalStateException("3"))).isEqualTo(SHUTDOWN_CLIENT);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package org.commercecore.payments.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The simulated provider's memory of idempotency keys: bounded by time and by count, and no operation twice within it. */
class SimulatedPaymentProviderTest {
    private static final Duration RETENTION = Duration.ofHours(1);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void aKeyCalledAgainWithinTheRetentionIsAnsweredWithoutExecutingAgain() throws Exception {
        SimulatedPaymentProvider provider = provider(100);
        ProviderResult first = provider.execute(authorize("o-1"));
        clock.advance(RETENTION.minusMillis(1));
        ProviderResult again = provider.execute(authorize("o-1"));
        clock.advance(RETENTION.minusMillis(1)); // the retention counts from the key's last call
        ProviderResult third = provider.execute(authorize("o-1"));

        assertThat(again).isEqualTo(first).isEqualTo(third);
        assertThat(provider.executed()).containsOnlyKeys("o-1:authorize");
        assertThat(provider.calls()).isEqualTo(3);
        assertThat(provider.forgotten()).isZero();
    }

    @Test
    void aKeyNotCalledForTheRetentionIsForgotten() throws Exception {
        SimulatedPaymentProvider provider = provider(100);
        provider.execute(authorize("o-1"));
        provider.execute(authorize("o-2"));
        clock.advance(Duration.ofMinutes(30));
        provider.execute(authorize("o-2"));
        clock.advance(Duration.ofMinutes(30).plusMillis(1));

        provider.execute(authorize("o-3"));

        assertThat(provider.executed()).containsOnlyKeys("o-2:authorize", "o-3:authorize");
        assertThat(provider.remembered()).isEqualTo(2);
        assertThat(provider.forgotten()).isEqualTo(1);
    }

    @Test
    void beyondMaxKeysTheLeastRecentlyCalledKeyIsForgottenFirst() throws Exception {
        SimulatedPaymentProvider provider = provider(3);
        provider.execute(authorize("o-1"));
        provider.execute(authorize("o-2"));
        provider.execute(authorize("o-3"));
        provider.execute(authorize("o-1")); // o-2 is now the least recently called

        provider.execute(authorize("o-4"));
        assertThat(provider.executed()).containsOnlyKeys("o-1:authorize", "o-3:authorize", "o-4:authorize");

        for (int order = 5; order < 1_000; order++) {
            provider.execute(authorize("o-" + order));
            assertThat(provider.remembered()).isLessThanOrEqualTo(3);
        }
        assertThat(provider.forgotten()).isEqualTo(1_000 - 1 - 3);
    }

    @Test
    void retriesOfAFailingKeyAreRememberedAndItIsExecutedOnceItSucceeds() {
        SimulatedPaymentProvider provider = new SimulatedPaymentProvider(
                new SimulatedPaymentProvider.Rules(500_000, "declined-", Duration.ZERO, 1.0),
                new SimulatedPaymentProvider.Memory(RETENTION, 100), clock);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThatThrownBy(() -> provider.execute(authorize("o-1"))).isInstanceOf(ProviderUnavailableException.class);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(provider.executed()).isEmpty();
        assertThat(provider.remembered()).as("its attempts are kept").isEqualTo(1);

        assertThat(catching(() -> provider.execute(authorize("o-1")))).isNotNull(); // the sixth attempt never fails
        assertThat(provider.executed()).containsOnlyKeys("o-1:authorize");
    }

    @Test
    void aMemoryOfNothingIsRefused() {
        assertThatThrownBy(() -> new SimulatedPaymentProvider.Memory(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedPaymentProvider.Memory(RETENTION, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private SimulatedPaymentProvider provider(int maxKeys) {
        return new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard(),
                new SimulatedPaymentProvider.Memory(RETENTION, maxKeys), clock);
    }

    private static ProviderRequest authorize(String orderId) {
        return new ProviderRequest(Operation.AUTHORIZE, orderId + ":authorize", orderId, "c-1", 100, "EUR", null);
    }

    private interface Call {
        ProviderResult call() throws ProviderUnavailableException;
    }

    private static ProviderResult catching(Call call) {
        try {
            return call.call();
        } catch (ProviderUnavailableException e) {
            throw new AssertionError("unexpected outage", e);
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

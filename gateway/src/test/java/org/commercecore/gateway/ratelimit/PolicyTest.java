package org.commercecore.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.commercecore.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

class PolicyTest {
    @Test
    void aLimitPerMinuteIsExactInWholeTokens() {
        for (int perMinute : new int[] {1, 5, 25, 40, 50, 90, 120}) {
            Policy p = Policy.of("login-account", new GatewaySettings.Limit(perMinute, Duration.ofMinutes(1), 10));
            // refill per minute, in requests
            assertThat(60.0 * p.tokensPerSecond() / p.tokensPerRequest()).as("%d a minute", perMinute).isEqualTo(perMinute);
            assertThat(p.config().getBurstCapacity() / p.tokensPerRequest()).isEqualTo(10);
        }
        assertThat(Policy.of("login-account", new GatewaySettings.Limit(5, Duration.ofMinutes(1), 10)).untilNext())
                .isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void aLimitPerSecondCostsOneTokenARequest() {
        Policy p = Policy.of("user", new GatewaySettings.Limit(50, Duration.ofSeconds(1), 100));
        assertThat(p.tokensPerSecond()).isEqualTo(50);
        assertThat(p.tokensPerRequest()).isEqualTo(1);
        assertThat(p.untilFull(40)).isEqualTo(Duration.ofMillis(1200));
        assertThat(p.requestsLeft(40)).isEqualTo(40);
    }

    /** Spring Cloud Gateway's script stores nothing, and so limits nothing, when the bucket would refill in under half a second. */
    @Test
    void aBurstTooSmallToBeCountedIsRefusedAtStart() {
        assertThatThrownBy(() -> Policy.of("anonymous", new GatewaySettings.Limit(20, Duration.ofSeconds(1), 9)))
                .hasMessageContaining("commerce.gateway.limits.anonymous.burst");
        assertThatThrownBy(() -> Policy.of("anonymous", new GatewaySettings.Limit(20, Duration.ofMillis(1500), 40)))
                .hasMessageContaining("whole number of seconds");
    }
}

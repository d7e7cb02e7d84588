package org.commercecore.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle on a real Redis, with a clock the test moves through the windows (no waiting). */
class LoginThrottleIT {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static RedisFixture fixture;
    private RedisFixture.MovableClock clock;
    private LoginThrottle throttle;
    private String email;
    private String address;

    @BeforeAll
    static void startRedis() throws Exception {
        fixture = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        fixture.close();
    }

    @BeforeEach
    void freshThrottle() {
        clock = new RedisFixture.MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        throttle = new LoginThrottle(fixture.redis, clock, new LoginThrottle.Limit(3, WINDOW), new LoginThrottle.Limit(5, WINDOW));
        email = "ada-" + UUID.randomUUID() + "@example.org";
        address = "198.51.100." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID(); // a bucket of its own per test
    }

    @Test
    void theFailuresUpToTheLimitAreAdmittedAndTheNextIsRefusedUntilTheOldestLeavesTheWindow() {
        fail(email, address);
        clock.advance(Duration.ofMinutes(1));
        fail(email, address);
        clock.advance(Duration.ofMinutes(1));
        fail(email, address);
        clock.advance(Duration.ofSeconds(30));

        LoginThrottle.Admission refused = throttle.admit(email, address);

        assertThat(refused).isEqualTo(new LoginThrottle.Refused("account", Duration.ofMinutes(12).plusSeconds(30)));
        clock.advance(Duration.ofMinutes(12).plusSeconds(29));
        assertThat(throttle.admit(email, address)).as("a second before the first failure leaves the window")
                .isEqualTo(new LoginThrottle.Refused("account", Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.admit(email, address)).as("the first failure has left the window").isInstanceOf(LoginThrottle.Admitted.class);
        assertThat(throttle.admit(email, address)).as("only one place was freed")
                .isEqualTo(new LoginThrottle.Refused("account", Duration.ofMinutes(1)));
    }

    @Test
    void refusedAttemptsAreNotCountedSoTryingOnDoesNotLengthenTheWait() {
        for (int i = 0; i < 3; i++) {
            fail(email, address);
        }
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(throttle.admit(email, address)).isInstanceOf(LoginThrottle.Refused.class);
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.admit(email, address)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void theAccountIsTheNormalisedEmailWhateverItsCaseOrSurroundingBlanks() {
        fail(email, address);
        fail(email.toUpperCase(), "203.0.113.1-" + UUID.randomUUID());
        fail("  " + email + " ", "203.0.113.2-" + UUID.randomUUID());

        assertThat(throttle.admit(email, "203.0.113.3-" + UUID.randomUUID())).as("counted for the account from every address")
                .isInstanceOf(LoginThrottle.Refused.class).extracting(r -> ((LoginThrottle.Refused) r).what()).isEqualTo("account");
    }

    @Test
    void anAddressIsLimitedOverEveryAccountItTries() {
        String other = "another-" + email;
        fail(other, "192.0.2.98-" + UUID.randomUUID());
        fail(other, "192.0.2.97-" + UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            fail(i + "-" + email, address);
            clock.advance(Duration.ofSeconds(10));
        }

        LoginThrottle.Admission refused = throttle.admit(other, address);

        assertThat(refused).isEqualTo(new LoginThrottle.Refused("address", WINDOW.minusSeconds(50)));
        assertThat(throttle.admit(other, "192.0.2.99-" + UUID.randomUUID()))
                .as("the refusal for the address took no place of the account's (2 of 3 used)").isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void aSuccessClearsTheAccountsFailuresButNotTheAddresssFailuresForOtherAccounts() {
        for (int i = 0; i < 3; i++) {
            fail("victim" + i + "-" + email, address);
        }
        fail(email, address);
        fail(email, address);
        assertThat(throttle.admit(email, address)).as("the 6th from the address").isEqualTo(new LoginThrottle.Refused("address", WINDOW));

        clock.advance(WINDOW); // everything has left the window
        for (int i = 0; i < 3; i++) {
            fail("victim" + i + "-" + email, address);
        }
        fail(email, address);
        ((LoginThrottle.Admitted) throttle.admit(email, address)).succeeded();

        assertThat(throttle.admit(email, address)).as("the account's failure is forgotten and the success took no place of the address's")
                .isInstanceOf(LoginThrottle.Admitted.class);
        assertThat(throttle.admit("victim9-" + email, address)).as("the address's 3 + 1 failures, and the attempt under way, still count")
                .isInstanceOf(LoginThrottle.Refused.class).extracting(r -> ((LoginThrottle.Refused) r).what()).isEqualTo("address");
    }

    @Test
    void anAbandonedAttemptCountsAgainstNobody() {
        for (int i = 0; i < 10; i++) {
            ((LoginThrottle.Admitted) throttle.admit(email, address)).abandoned();
        }
        assertThat(throttle.admit(email, address)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void theKeysHoldNoEmailAndExpireWithTheirWindow() {
        fail(email, address);

        assertThat(fixture.redis.keys("login-failures:account:*")).allSatisfy(k -> assertThat(k).doesNotContain("@"));
        String key = LoginThrottle.accountKey(email);
        assertThat(key).matches("login-failures:account:[0-9a-f]{64}");
        assertThat(fixture.redis.pttl(key)).isBetween(WINDOW.toMillis() - 5_000, WINDOW.toMillis());
        assertThat(fixture.redis.pttl(LoginThrottle.addressKey(address))).isBetween(WINDOW.toMillis() - 5_000, WINDOW.toMillis());
    }

    private void fail(String email, String address) {
        assertThat(throttle.admit(email, address)).as("admitted, then the password is wrong").isInstanceOf(LoginThrottle.Admitted.class);
    }
}

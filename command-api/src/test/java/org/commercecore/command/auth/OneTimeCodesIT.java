package org.commercecore.command.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.commercecore.platform.tasks.CodeMailTask.Purpose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-time codes on a real Redis, with a clock the test moves past expiry and through send windows. */
class OneTimeCodesIT {
    private static final OneTimeCodes.Policy POLICY = new OneTimeCodes.Policy(Duration.ofMinutes(10), 3, 2, Duration.ofMinutes(15));
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static RedisFixture fixture;
    private RedisFixture.MovableClock clock;
    private OneTimeCodes codes;
    private String account;
    private String email;

    @BeforeAll
    static void startRedis() throws Exception {
        fixture = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        fixture.close();
    }

    @BeforeEach
    void freshAccount() {
        clock = new RedisFixture.MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        codes = new OneTimeCodes(fixture.redis, POLICY, SECRET, clock, new SecureRandom(), new SimpleMeterRegistry());
        account = UUID.randomUUID().toString();
        email = "ada-" + account + "@example.org";
    }

    @Test
    void aCodeIsSixDigitsGoodOnceAndStoredOnlyAsItsHmac() {
        OneTimeCodes.Issued issued = codes.issue(Purpose.LOGIN, account, email);

        assertThat(issued.code()).matches("[0-9]{6}");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(POLICY.lifetime()));
        assertThat(fixture.redis.hgetAll("otp:login:" + account)).doesNotContainValue(issued.code())
                .hasEntrySatisfying("mac", mac -> assertThat(mac).hasSize(64).doesNotContain(issued.code()));
        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).isEqualTo(OneTimeCodes.Check.VERIFIED);
        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).as("used once").isEqualTo(OneTimeCodes.Check.NONE);
    }

    @Test
    void aCodeStopsWorkingWhenItExpires() {
        OneTimeCodes.Issued issued = codes.issue(Purpose.LOGIN, account, email);
        clock.advance(POLICY.lifetime().minusMillis(1));
        OneTimeCodes.Issued second = codes.issue(Purpose.VERIFY_EMAIL, account, email);
        assertThat(codes.check(Purpose.VERIFY_EMAIL, account, email, second.code())).as("just before its expiry")
                .isEqualTo(OneTimeCodes.Check.VERIFIED);
        clock.advance(Duration.ofMillis(1));

        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).isEqualTo(OneTimeCodes.Check.EXPIRED);
        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).as("and is gone").isEqualTo(OneTimeCodes.Check.NONE);
    }

    @Test
    void wrongEntriesUpToTheAttemptLimitThenTheCodeIsGoneEvenForTheRightOne() {
        OneTimeCodes.Issued issued = codes.issue(Purpose.LOGIN, account, email);
        String wrong = other(issued.code());

        assertThat(codes.check(Purpose.LOGIN, account, email, wrong)).isEqualTo(OneTimeCodes.Check.WRONG);
        assertThat(codes.check(Purpose.LOGIN, account, email, wrong)).isEqualTo(OneTimeCodes.Check.WRONG);
        assertThat(codes.check(Purpose.LOGIN, account, email, wrong)).isEqualTo(OneTimeCodes.Check.LOCKED);
        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).isEqualTo(OneTimeCodes.Check.NONE);
    }

    @Test
    void aCodeProvesOnlyItsPurposeAccountAndEmail() {
        OneTimeCodes.Issued issued = codes.issue(Purpose.VERIFY_EMAIL, account, email);

        assertThat(codes.check(Purpose.LOGIN, account, email, issued.code())).isEqualTo(OneTimeCodes.Check.NONE);
        assertThat(codes.check(Purpose.VERIFY_EMAIL, account, "new-" + email, issued.code())).as("mailed to the old address")
                .isEqualTo(OneTimeCodes.Check.WRONG);
        assertThat(codes.check(Purpose.VERIFY_EMAIL, account, email.toUpperCase(), issued.code())).as("the address in another case")
                .isEqualTo(OneTimeCodes.Check.VERIFIED);
    }

    @Test
    void aNewCodeReplacesThePendingOneAndAWithdrawnCodeIsGone() {
        OneTimeCodes.Issued first = codes.issue(Purpose.LOGIN, account, email);
        OneTimeCodes.Issued second = codes.issue(Purpose.LOGIN, account, email);
        codes.withdraw(Purpose.LOGIN, account, email, first); // too late: it was replaced, and the newer one stays

        if (!first.code().equals(second.code())) {
            assertThat(codes.check(Purpose.LOGIN, account, email, first.code())).isEqualTo(OneTimeCodes.Check.WRONG);
        }
        codes.withdraw(Purpose.LOGIN, account, email, second);
        assertThat(codes.check(Purpose.LOGIN, account, email, second.code())).isEqualTo(OneTimeCodes.Check.NONE);
    }

    @Test
    void ofManyRequestsRacingWithTheRightCodeExactlyOnePasses() throws Exception {
        OneTimeCodes.Issued issued = codes.issue(Purpose.LOGIN, account, email);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<OneTimeCodes.Check>> racers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                racers.add(() -> codes.check(Purpose.LOGIN, account, email, issued.code()));
            }
            List<OneTimeCodes.Check> results = new ArrayList<>();
            for (Future<OneTimeCodes.Check> f : pool.invokeAll(racers)) {
                results.add(f.get());
            }
            assertThat(results).containsOnlyOnce(OneTimeCodes.Check.VERIFIED).hasSize(16);
            assertThat(results.stream().filter(r -> r != OneTimeCodes.Check.VERIFIED)).containsOnly(OneTimeCodes.Check.NONE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sendsToOneEmailAreLimitedPerWindowWhetherOrNotItHasAnAccount() {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        clock.advance(Duration.ofMinutes(5)); // 10:05, in the window 10:00-10:15
        codes.admitSend(Purpose.LOGIN, nobody);
        codes.admitSend(Purpose.LOGIN, " " + nobody.toUpperCase() + " ");

        assertThatThrownBy(() -> codes.admitSend(Purpose.LOGIN, nobody)).isInstanceOfSatisfying(OneTimeCodes.SendLimitReached.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10)));
        codes.admitSend(Purpose.VERIFY_EMAIL, nobody); // another purpose counts apart
        clock.advance(Duration.ofMinutes(10));
        codes.admitSend(Purpose.LOGIN, nobody);
    }

    private static String other(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}

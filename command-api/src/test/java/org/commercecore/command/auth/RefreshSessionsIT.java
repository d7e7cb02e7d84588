package org.commercecore.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revoking every session of an account, on a real Redis. */
class RefreshSessionsIT {
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static RedisFixture fixture;
    private static RefreshSessions sessions;

    @BeforeAll
    static void startRedis() throws Exception {
        fixture = new RedisFixture();
        sessions = new RefreshSessions(fixture.redis, LIFETIME);
    }

    @AfterAll
    static void stopRedis() {
        fixture.close();
    }

    @Test
    void revokingAnAccountsSessionsEndsEveryFamilyOfItAndNoOtherAccounts() {
        Caller ada = new Caller(UUID.randomUUID().toString(), Role.CUSTOMER);
        Caller bob = new Caller(UUID.randomUUID().toString(), Role.CUSTOMER);
        String laptop = sessions.open(ada, sessions.generation(ada.userId()));
        String phone = sessions.rotate(sessions.open(ada, sessions.generation(ada.userId()))).orElseThrow().refreshToken(); // a family that was refreshed once
        String bobs = sessions.open(bob, sessions.generation(bob.userId()));

        sessions.revokeAll(ada.userId());

        assertThat(sessions.rotate(laptop)).as("laptop").isEmpty();
        assertThat(sessions.rotate(phone)).as("phone").isEmpty();
        assertThat(sessions.rotate(bobs)).as("another account's session").isPresent();
        String after = sessions.open(ada, sessions.generation(ada.userId()));
        assertThat(sessions.rotate(after)).as("a login after the revocation").isPresent();
    }

    @Test
    void aFamilyRevokedTwiceStaysRevokedAndLaterLoginsSurviveTheFirstRevocation() {
        Caller ada = new Caller(UUID.randomUUID().toString(), Role.CUSTOMER);
        String before = sessions.open(ada, sessions.generation(ada.userId()));
        sessions.revokeAll(ada.userId());
        String between = sessions.open(ada, sessions.generation(ada.userId()));
        sessions.revokeAll(ada.userId());
        String after = sessions.open(ada, sessions.generation(ada.userId()));

        assertThat(sessions.rotate(before)).isEmpty();
        assertThat(sessions.rotate(between)).as("the second revocation is a newer generation than the first").isEmpty();
        assertThat(sessions.rotate(after)).isPresent();
    }

    @Test
    void theRevocationIsKeptOneSessionLifetimeAndAMinute() {
        String userId = UUID.randomUUID().toString();
        sessions.revokeAll(userId);

        assertThat(fixture.redis.pttl("sessions-revoked:" + userId))
                .isBetween(LIFETIME.plusMinutes(1).toMillis() - 5_000, LIFETIME.plusMinutes(1).toMillis());
    }

    @Test
    void aSessionStoredBeforeGenerationsExistedStillRefreshesUntilItsAccountIsRevoked() throws Exception {
        String userId = UUID.randomUUID().toString();
        String token = "an-old-token-" + UUID.randomUUID();
        String family = "old-family-" + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        fixture.redis.set("session:" + hash, userId + " CUSTOMER " + family); // the three-part value of the previous release
        fixture.redis.set("family:" + family, hash);

        RefreshSessions.Rotated rotated = sessions.rotate(token).orElseThrow();
        assertThat(rotated.caller()).isEqualTo(new Caller(userId, Role.CUSTOMER));

        sessions.revokeAll(userId);
        assertThat(sessions.rotate(rotated.refreshToken())).isEmpty();
    }
}

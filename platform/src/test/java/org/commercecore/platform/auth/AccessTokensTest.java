package org.commercecore.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenProvesItsCallerUntilItExpires() {
        String token = tokens.issue(new Caller("u-1", Role.ADMIN)).token();

        assertThat(tokens.verify(token)).contains(new Caller("u-1", Role.ADMIN));
        AccessTokens later = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.fixed(NOW.plusSeconds(16 * 60), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretOrTamperedWithProvesNothing() {
        String token = tokens.issue(new Caller("u-1", Role.CUSTOMER)).token();
        AccessTokens other = new AccessTokens("another-secret-that-is-long-enough-987654321", Duration.ofMinutes(15),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String[] parts = token.split("\\.");
        String elevated = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"commerce-core\",\"sub\":\"u-1\",\"role\":\"ADMIN\"}".getBytes()) + "." + parts[2];

        assertThat(other.verify(token)).isEmpty();
        assertThat(tokens.verify(elevated)).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new AccessTokens("short", Duration.ofMinutes(1), Clock.systemUTC()))
                .hasMessageContaining("at least 32 bytes");
    }
}

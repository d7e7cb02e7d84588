package org.commercecore.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.junit.jupiter.api.Test;

class PeerTokensTest {
    private static final String SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String OWNER = PeerTokens.audience(new HostInfo("10.0.0.1", 9090));
    private static final Asker ALICE = Asker.of(new Caller("alice", Role.CUSTOMER));
    private static final Lookup ORDER = Lookup.order("o-1");

    private final PeerTokens tokens = new PeerTokens(SECRET, at(NOW));

    @Test
    void aTokenForThisInstanceAndThisLookupProvesItsAsker() {
        String token = tokens.issue(ALICE, OWNER, ORDER);

        assertThat(tokens.verify(token, OWNER, ORDER)).contains(ALICE);
        Asker admin = Asker.of(new Caller("root", Role.ADMIN));
        assertThat(tokens.verify(tokens.issue(admin, OWNER, ORDER), OWNER, ORDER)).contains(admin);
    }

    @Test
    void aTokenCarriesTheCalleeTheLookupsDigestAndTheAskerAsClaims() {
        var jwt = JWT.decode(tokens.issue(ALICE, OWNER, ORDER));

        assertThat(jwt.getAudience()).containsExactly("10.0.0.1:9090");
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaim("role").asString()).isEqualTo("CUSTOMER");
        assertThat(jwt.getClaim("lookup_sha256").asString()).isEqualTo(PeerTokens.digest(ORDER)).hasSize(43);
        assertThat(Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(ALICE, OWNER, ORDER);

        assertThat(new PeerTokens(SECRET, at(NOW.plusSeconds(20))).verify(token, OWNER, ORDER)).as("still valid").isPresent();
        assertThat(new PeerTokens(SECRET, at(NOW.plusSeconds(36))).verify(token, OWNER, ORDER)).isEmpty();
    }

    @Test
    void aTokenMadeOutToAnotherInstanceIsRefused() {
        String token = tokens.issue(ALICE, PeerTokens.audience(new HostInfo("10.0.0.2", 9090)), ORDER);

        assertThat(tokens.verify(token, OWNER, ORDER)).isEmpty();
        assertThat(tokens.verify(tokens.issue(ALICE, "10.0.0.1:9091", ORDER), OWNER, ORDER)).isEmpty();
    }

    @Test
    void aTokenIsForItsOwnLookupOnly() {
        String token = tokens.issue(ALICE, OWNER, ORDER);

        assertThat(tokens.verify(token, OWNER, Lookup.order("o-2"))).isEmpty();
        assertThat(tokens.verify(token, OWNER, Lookup.orderReaching("o-1", "CONFIRMED", Duration.ofSeconds(5)))).isEmpty();
        assertThat(tokens.verify(token, OWNER, Lookup.customerOrders("o-1"))).isEmpty();
    }

    @Test
    void aTokenWhoseDigestWasTamperedWithIsRefused() {
        String token = tokens.issue(ALICE, OWNER, Lookup.order("o-2"));
        String[] parts = token.split("\\.");
        // the payload of a token for o-2 with the digest of o-1, under the original signature
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace(PeerTokens.digest(Lookup.order("o-2")), PeerTokens.digest(ORDER))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(forged).isNotEqualTo(token);
        assertThat(tokens.verify(forged, OWNER, ORDER)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        PeerTokens other = new PeerTokens("another-peer-secret-that-is-long-enough-0123456789", at(NOW));

        assertThat(tokens.verify(other.issue(ALICE, OWNER, ORDER), OWNER, ORDER)).isEmpty();
        String userToken = new AccessTokens(SECRET, Duration.ofMinutes(15), at(NOW)).issue(new Caller("alice", Role.CUSTOMER)).token();
        assertThat(tokens.verify(userToken, OWNER, ORDER)).as("an access token, even under the same secret, is no peer token").isEmpty();
        assertThat(tokens.verify("not-a-token", OWNER, ORDER)).isEmpty();
    }

    @Test
    void aTokenLivingLongerThanPeersIssueIsRefused() {
        String longLived = JWT.create().withIssuer(PeerTokens.ISSUER).withAudience(OWNER).withIssuedAt(NOW)
                .withExpiresAt(NOW.plus(Duration.ofHours(1))).withSubject("alice").withClaim("role", "CUSTOMER")
                .withClaim("lookup_sha256", PeerTokens.digest(ORDER)).sign(Algorithm.HMAC256(SECRET));

        assertThat(tokens.verify(longLived, OWNER, ORDER)).isEmpty();
    }

    @Test
    void anAnonymousTokenProvesAnAnonymousAskerWhoMaySeeOnlyThePublicViews() {
        Lookup product = Lookup.product("SKU-1");
        assertThat(tokens.verify(tokens.issue(Asker.ANONYMOUS, OWNER, product), OWNER, product)).contains(Asker.ANONYMOUS);
        assertThat(JWT.decode(tokens.issue(Asker.ANONYMOUS, OWNER, product)).getClaim("role").asString()).isEqualTo("ANONYMOUS");

        // a valid anonymous token on a private view: it verifies, and the owner's rule refuses it
        assertThat(tokens.verify(tokens.issue(Asker.ANONYMOUS, OWNER, ORDER), OWNER, ORDER)).contains(Asker.ANONYMOUS);
        assertThat(ViewAccess.mayAsk(Asker.ANONYMOUS, ORDER)).isFalse();
        assertThat(ViewAccess.mayAsk(Asker.ANONYMOUS, Lookup.customerOrders("alice"))).isFalse();
        assertThat(ViewAccess.mayAsk(Asker.ANONYMOUS, product)).isTrue();
        assertThat(ViewAccess.mayAsk(Asker.ANONYMOUS, Lookup.topSellers(60))).isTrue();
    }

    @Test
    void anAnonymousTokenNamingAUserIsRefused() {
        String both = JWT.create().withIssuer(PeerTokens.ISSUER).withAudience(OWNER).withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(30)).withSubject("alice").withClaim("role", "ANONYMOUS")
                .withClaim("lookup_sha256", PeerTokens.digest(ORDER)).sign(Algorithm.HMAC256(SECRET));

        assertThat(tokens.verify(both, OWNER, ORDER)).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new PeerTokens("short", at(NOW))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}

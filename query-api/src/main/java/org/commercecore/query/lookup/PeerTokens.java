package org.commercecore.query.lookup;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;

/**
 * The token one query instance sends with each lookup to another (JWT, HS256, signed with the peer
 * secret, never the access tokens' one). It proves the call comes from an instance holding the
 * secret, and says for whom it asks, for one question to one instance, briefly:
 * <ul>
 *   <li>{@code iss} {@value #ISSUER}; {@code aud} the callee's {@code host:port} as the cluster
 *       metadata names it (so it cannot be replayed to another instance);</li>
 *   <li>{@code iat}, {@code exp} {@link #LIFETIME} later, {@code jti} a random id;</li>
 *   <li>{@value #DIGEST}: SHA-256 (base64url) of the serialized {@link Lookup} (so it cannot be
 *       reused for another question);</li>
 *   <li>{@code role} the end user's role and {@code sub} their user id, or {@code role}
 *       {@value #ANONYMOUS} and no {@code sub} for a public view.</li>
 * </ul>
 */
public final class PeerTokens {
    static final String ISSUER = "commerce-query-peer";
    static final String DIGEST = "lookup_sha256";
    static final String ROLE = "role";
    static final String ANONYMOUS = "ANONYMOUS";
    /** A call is verified as it arrives: the lifetime only has to cover the trip and the clocks' drift. */
    static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final long LEEWAY_SECONDS = 5;
    private static final int MIN_SECRET_BYTES = 32;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    public PeerTokens(String secret, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the peer token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence(DIGEST).withClaimPresence(ROLE).acceptLeeway(LEEWAY_SECONDS)).build(clock);
        this.clock = clock;
    }

    /** The name an instance goes by in the cluster metadata, and the audience of the tokens sent to it. */
    public static String audience(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    /** A token for one lookup sent to {@code audience}, asked for {@code asker}. */
    public String issue(Asker asker, String audience, Lookup lookup) {
        Instant now = clock.instant();
        JWTCreator.Builder token = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(audience)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(LIFETIME))
                .withJWTId(UUID.randomUUID().toString())
                .withClaim(DIGEST, digest(lookup));
        asker.caller().ifPresentOrElse(
                caller -> token.withSubject(caller.userId()).withClaim(ROLE, caller.role().name()),
                () -> token.withClaim(ROLE, ANONYMOUS));
        return token.sign(algorithm);
    }

    /** What a token says once its signature, issuer, lifetime and audience hold; the lookup it is for is checked apart. */
    record Claims(Asker asker, String lookupDigest) {
        boolean isFor(Lookup lookup) {
            return MessageDigest.isEqual(lookupDigest.getBytes(StandardCharsets.US_ASCII),
                    digest(lookup).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * The claims of a token sent to {@code audience}, or empty when it is forged, malformed, expired,
     * longer-lived than peers issue, for another instance, or names no one consistently.
     */
    Optional<Claims> verify(String token, String audience) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            Instant expires = jwt.getExpiresAtAsInstant();
            Instant issued = jwt.getIssuedAtAsInstant();
            List<String> audiences = jwt.getAudience();
            if (expires == null || issued == null || audiences == null || !audiences.equals(List.of(audience))
                    || Duration.between(issued, expires).compareTo(LIFETIME) > 0
                    || expires.isAfter(clock.instant().plus(LIFETIME).plusSeconds(LEEWAY_SECONDS))) {
                return Optional.empty();
            }
            return asker(jwt.getClaim(ROLE).asString(), jwt.getSubject())
                    .map(asker -> new Claims(asker, jwt.getClaim(DIGEST).asString()))
                    .filter(claims -> claims.lookupDigest() != null);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The token proves {@code lookup} was asked of {@code audience} for the asker returned; empty otherwise. */
    public Optional<Asker> verify(String token, String audience, Lookup lookup) {
        return verify(token, audience).filter(claims -> claims.isFor(lookup)).map(Claims::asker);
    }

    private static Optional<Asker> asker(String role, String subject) {
        if (ANONYMOUS.equals(role)) {
            return subject == null ? Optional.of(Asker.ANONYMOUS) : Optional.empty();
        }
        if (role == null || subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Asker.of(new Caller(subject, Role.valueOf(role)))); // an unknown role throws: refused above
    }

    static String digest(Lookup lookup) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(PeerProtocol.bytes(lookup)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

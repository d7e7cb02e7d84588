package org.commercecore.platform.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed access tokens (JWT, HS256, auth0's java-jwt): short-lived and stateless, so any instance
 * of either API can check them without asking anyone. Long sessions are the refresh tokens' job,
 * which live in Redis and can be revoked.
 */
public final class AccessTokens {
    public static final String ISSUER = "commerce-core";
    private static final int MIN_SECRET_BYTES = 32;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(String secret, Duration lifetime, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token signing secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        // verified against the same clock tokens are issued with (java-jwt takes it through BaseVerification)
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence("role")
                .acceptLeeway(5)).build(clock);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A signed token for the caller. */
    public Issued issue(Caller caller) {
        Instant now = clock.instant();
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(caller.userId())
                .withClaim("role", caller.role().name())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
        return new Issued(token, lifetime);
    }

    /** The caller a token proves, or empty when it is forged, expired or malformed. */
    public Optional<Caller> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getExpiresAtAsInstant() == null) {
                return Optional.empty();
            }
            return Optional.of(new Caller(jwt.getSubject(), Role.valueOf(jwt.getClaim("role").asString())));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record Issued(String token, Duration lifetime) {
    }
}

package org.commercecore.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Refresh sessions in Redis, every key with the session's TTL. Only hashes of tokens are stored,
 * so a Redis dump hands out no session.
 * <ul>
 *   <li>{@code session:<hash>}: the live token of a login, {@code <user id> <role> <family>};</li>
 *   <li>{@code family:<id>}: the hash of the family's live token (a login and all its refreshes);</li>
 *   <li>{@code used:<hash>}: a token already exchanged, and its family.</li>
 * </ul>
 * A refresh takes the session away (GETDEL) and issues the next token of the same family, so each
 * token works once. A used token presented again means it was copied: the whole family is revoked,
 * the thief's and the owner's next token alike (refresh-token rotation with reuse detection).
 */
public final class RefreshSessions {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSessions.class);
    private final SecureRandom random = new SecureRandom();
    private final UnifiedJedis redis;
    private final Duration lifetime;

    public RefreshSessions(UnifiedJedis redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    /** The caller and the next refresh token of its family. */
    public record Rotated(Caller caller, String refreshToken) {
    }

    /** A new session (a new family) for the caller; returns the refresh token, shown to the client once. */
    public String open(Caller caller) {
        return issue(caller, randomId());
    }

    /** Exchanges a refresh token for the next one; empty if it is unknown, expired, revoked or already used. */
    public Optional<Rotated> rotate(String token) {
        return take(token).map(s -> new Rotated(s.caller(), issue(s.caller(), s.family())));
    }

    /** Ends the token's family (logging out twice is still logged out). */
    public void revoke(String token) {
        take(token).ifPresent(s -> redis.del("family:" + s.family()));
    }

    public Duration lifetime() {
        return lifetime;
    }

    private record Session(Caller caller, String family) {
    }

    private Optional<Session> take(String token) {
        String hash = hash(token);
        String value = redis.getDel("session:" + hash);
        if (value == null) {
            String family = redis.get("used:" + hash);
            if (family != null) {
                String live = redis.getDel("family:" + family);
                if (live != null) {
                    redis.del("session:" + live);
                }
                LOG.warn("a used refresh token was presented again: its session family is revoked");
            }
            return Optional.empty();
        }
        String[] parts = value.split(" ", 3);
        redis.set("used:" + hash, parts[2], SetParams.setParams().ex(lifetime.toSeconds()));
        return Optional.of(new Session(new Caller(parts[0], Role.valueOf(parts[1])), parts[2]));
    }

    private String issue(Caller caller, String family) {
        String token = randomId();
        String hash = hash(token);
        SetParams ttl = SetParams.setParams().ex(lifetime.toSeconds());
        redis.set("session:" + hash, caller.userId() + " " + caller.role().name() + " " + family, ttl);
        redis.set("family:" + family, hash, ttl);
        return token;
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

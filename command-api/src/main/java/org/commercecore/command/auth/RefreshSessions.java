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
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Refresh sessions in Redis, one key per session with a TTL: {@code session:<sha-256 of the token>}
 * holding {@code <user id> <role>}. Only the hash is stored, so a Redis dump does not hand out
 * sessions. A refresh takes the old session away atomically (GETDEL) before issuing a new one, so
 * each refresh token works once and a stolen, already used token is refused.
 */
public final class RefreshSessions {
    private static final String PREFIX = "session:";
    private final SecureRandom random = new SecureRandom();
    private final UnifiedJedis redis;
    private final Duration lifetime;

    public RefreshSessions(UnifiedJedis redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    /** A new session for the caller; returns the refresh token (shown to the client once). */
    public String open(Caller caller) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.set(key(token), caller.userId() + " " + caller.role().name(), SetParams.setParams().ex(lifetime.toSeconds()));
        return token;
    }

    /** Ends the session and returns whose it was; empty if it had expired, been used or revoked. */
    public Optional<Caller> take(String token) {
        String value = redis.getDel(key(token));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(" ", 2);
        return Optional.of(new Caller(parts[0], Role.valueOf(parts[1])));
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

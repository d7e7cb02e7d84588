package org.commercecore.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
 *   <li>{@code session:<hash>}: the live token of a login, {@code <user id> <role> <family> <generation>};</li>
 *   <li>{@code family:<id>}: the hash of the family's live token (a login and all its refreshes);</li>
 *   <li>{@code used:<hash>}: a token already exchanged, and its family;</li>
 *   <li>{@code sessions-revoked:<user id>}: the account's session generation, set when all its
 *       sessions were revoked (a password change), kept one session lifetime (and a minute).</li>
 * </ul>
 * A refresh takes the session away (GETDEL) and issues the next token of the same family, so each
 * token works once. A used token presented again means it was copied: the whole family is revoked,
 * the thief's and the owner's next token alike (refresh-token rotation with reuse detection).
 *
 * <p>Revoking every session of an account ({@link #revokeAll}) is one write: each family carries
 * the account's generation from its login, and a family older than the account's current
 * generation is refused at its next refresh. No index of an account's sessions is kept, and a
 * refresh racing the revocation cannot slip through: a token it issues carries the old generation
 * and is refused in turn. The generation is Redis's own time in milliseconds at the revocation
 * (and more than the last one), so instances' clocks do not matter and the key may expire: once
 * it has, every family older than it has expired too.
 */
public final class RefreshSessions {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSessions.class);
    /** The next generation: Redis's clock in ms, and always more than the current one; kept one session lifetime. */
    private static final String REVOKE_ALL = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local next = math.max(now, current + 1)
            redis.call('SET', KEYS[1], next, 'PX', ARGV[1])
            return next
            """;
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

    /**
     * A new session (a new family) for the caller, of the account's session {@code generation} as
     * it was when the login began ({@link #generation}); returns the refresh token, shown to the client once.
     */
    public String open(Caller caller, long generation) {
        return issue(caller, randomId(), generation);
    }

    /** Exchanges a refresh token for the next one; empty if it is unknown, expired, revoked or already used. */
    public Optional<Rotated> rotate(String token) {
        return take(token).map(s -> new Rotated(s.caller(), issue(s.caller(), s.family(), s.generation())));
    }

    /**
     * Revokes every session of the account, of every device (a password change): none can be
     * refreshed again. Access tokens already issued stay valid until they expire.
     */
    public void revokeAll(String userId) {
        // kept a minute longer than a session lives: a token a racing refresh issued just after it is covered too
        redis.eval(REVOKE_ALL, List.of(revokedKey(userId)), List.of(Long.toString(lifetime.plusMinutes(1).toMillis())));
        LOG.info("revoked every refresh session of user {}", userId);
    }

    /** Ends the token's family (logging out twice is still logged out). */
    public void revoke(String token) {
        take(token).ifPresent(s -> redis.del("family:" + s.family()));
    }

    public Duration lifetime() {
        return lifetime;
    }

    private record Session(Caller caller, String family, long generation) {
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
        String[] parts = value.split(" ", 4);
        redis.set("used:" + hash, parts[2], SetParams.setParams().ex(lifetime.toSeconds()));
        long generation = parts.length > 3 ? Long.parseLong(parts[3]) : 0; // sessions stored before generations existed
        if (generation < generation(parts[0])) {
            redis.del("family:" + parts[2]);
            LOG.info("a refresh token of a revoked session was presented (user {})", parts[0]);
            return Optional.empty();
        }
        return Optional.of(new Session(new Caller(parts[0], Role.valueOf(parts[1])), parts[2], generation));
    }

    private String issue(Caller caller, String family, long generation) {
        String token = randomId();
        String hash = hash(token);
        SetParams ttl = SetParams.setParams().ex(lifetime.toSeconds());
        redis.set("session:" + hash, caller.userId() + " " + caller.role().name() + " " + family + " " + generation, ttl);
        redis.set("family:" + family, hash, ttl);
        return token;
    }

    /** The account's current session generation: 0 until its sessions are first revoked. */
    public long generation(String userId) {
        String value = redis.get(revokedKey(userId));
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String revokedKey(String userId) {
        return "sessions-revoked:" + userId;
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

package org.commercecore.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Failed logins counted per account and per client address, in Redis so that every command API
 * instance counts the same failures. Each count is a sliding window log: a sorted set of the
 * attempts' times, so an attempt counts for exactly one window after it and {@code Retry-After}
 * is exact.
 * <ul>
 *   <li>{@code login-failures:account:<sha-256 of the normalised e-mail>} (trimmed, lower case;
 *       known or not, so the count says nothing of which e-mails have accounts);</li>
 *   <li>{@code login-failures:address:<client address>} (an IPv4 address or an IPv6 /64).</li>
 * </ul>
 * Each key expires one window after its last attempt.
 *
 * <p>An attempt is admitted only while both counts are under their limits, and admitting it adds
 * it to both in the same step (a Lua script per key: drop what left the window, count, add), so
 * instances racing on one account cannot together let more through than the limit. A failed
 * attempt stays counted; a successful one is taken off the address's count and clears the
 * account's (its owner proved the password), so one good login from a shared address does not
 * reset the failures other accounts had there. A refused attempt is not counted: a client that
 * keeps trying while refused gains no more tries and does not lengthen its wait.
 *
 * <p>Times come from the injected clock, not Redis's, so tests move through windows without
 * waiting; instances' clocks are assumed to agree to well within a window.
 */
public final class LoginThrottle {
    /** At most {@code maxFailures} failed logins within any {@code window}. */
    public record Limit(int maxFailures, Duration window) {
        public Limit {
            if (maxFailures < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a limit needs at least 1 failure and a positive window, got " + maxFailures + " per " + window);
            }
        }
    }

    /** What the throttle says of a login attempt. */
    public sealed interface Admission permits Admitted, Refused {
    }

    /** Over a limit: try again after {@code retryAfter}; {@code what} says which limit ("account" or "address"). */
    public record Refused(String what, Duration retryAfter) implements Admission {
    }

    /** Drops every entry that has left the window, then admits (adding the member) or says how many ms until an entry leaves. */
    private static final String ADMIT = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local count = redis.call('ZCARD', KEYS[1])
            if count >= limit then
              local freeing = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
              return math.max(1, tonumber(freeing[2]) + window - now)
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return 0
            """;

    private final SecureRandom random = new SecureRandom();
    private final UnifiedJedis redis;
    private final Clock clock;
    private final Limit perAccount;
    private final Limit perAddress;

    public LoginThrottle(UnifiedJedis redis, Clock clock, Limit perAccount, Limit perAddress) {
        this.redis = Objects.requireNonNull(redis);
        this.clock = Objects.requireNonNull(clock);
        this.perAccount = Objects.requireNonNull(perAccount);
        this.perAddress = Objects.requireNonNull(perAddress);
    }

    /** Admits one attempt to log in to {@code email} from {@code address}, or says how long until one would be. */
    public Admission admit(String email, String address) {
        String member = clock.millis() + ":" + HexFormat.of().formatHex(randomBytes());
        String accountKey = accountKey(email);
        String addressKey = addressKey(address);
        long accountWait = take(accountKey, perAccount, member);
        if (accountWait > 0) {
            return new Refused("account", Duration.ofMillis(accountWait));
        }
        long addressWait = take(addressKey, perAddress, member);
        if (addressWait > 0) {
            redis.zrem(accountKey, member); // not an attempt after all
            return new Refused("address", Duration.ofMillis(addressWait));
        }
        return new Admitted(accountKey, addressKey, member);
    }

    /** An attempt under way; if the password turns out wrong, nothing is to be done: it is counted already. */
    public final class Admitted implements Admission {
        private final String accountKey;
        private final String addressKey;
        private final String member;

        private Admitted(String accountKey, String addressKey, String member) {
            this.accountKey = accountKey;
            this.addressKey = addressKey;
            this.member = member;
        }

        /** The password was right: the account's failures are forgotten, and this attempt is no failure of the address's. */
        public void succeeded() {
            redis.del(accountKey);
            redis.zrem(addressKey, member);
        }

        /** The attempt could not be decided (a store failed): it counts against nobody. */
        public void abandoned() {
            redis.zrem(accountKey, member);
            redis.zrem(addressKey, member);
        }
    }

    /** 0 if admitted (and added), else the milliseconds until the limit admits one more. */
    private long take(String key, Limit limit, String member) {
        Object wait = redis.eval(ADMIT, List.of(key), List.of(Long.toString(clock.millis()), Long.toString(limit.window().toMillis()),
                Integer.toString(limit.maxFailures()), member));
        return Math.min(((Number) wait).longValue(), limit.window().toMillis());
    }

    static String accountKey(String email) {
        return "login-failures:account:" + sha256(normalise(email));
    }

    static String addressKey(String address) {
        return "login-failures:address:" + address;
    }

    /** The account an e-mail names, as the users table matches it: case does not matter, and surrounding blanks are not part of it. */
    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.commercecore.command.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.commercecore.platform.tasks.CodeMailTask.Purpose;
import redis.clients.jedis.UnifiedJedis;

/**
 * One-time codes (six digits) in Redis: issued for a purpose and an account, checked at most
 * {@link Policy#attempts} times, good once, and only until they expire.
 * <ul>
 *   <li>{@code otp:<purpose>:<account id>}: a hash of the code's HMAC-SHA256 (never the code),
 *       when it expires, and the wrong attempts so far. A new code for the same purpose and account
 *       replaces the last one. The key also expires in Redis, shortly after the code, so nothing is
 *       left behind; whether a code has expired is decided here, by the injected clock.</li>
 *   <li>{@code otp-sends:<purpose>:<sha-256 of the normalised e-mail>:<window number>}: codes sent
 *       within one fixed send window (by the injected clock); over {@link Policy#sendsPerWindow}, no
 *       more are sent until it ends (a mailbox is not
 *       flooded, and guessing gains at most attempts × sends tries per window). Counted for e-mails
 *       with no account as well, so the answer does not tell which have one.</li>
 * </ul>
 * A check is one Lua script: compare, count a wrong attempt, and delete on success, on expiry or at
 * the attempt limit, in one step, so two requests racing with the right code cannot both pass.
 *
 * <p>The HMAC key is derived from the token secret (HMAC-SHA256 of it with a fixed label): a dump
 * of Redis gives no codes, and no second secret has to be configured.
 */
public final class OneTimeCodes {
    private static final int DIGITS = 6;
    private static final int BOUND = 1_000_000;
    /** The Redis key outlives the code by this much, so the check, not Redis, says "expired". */
    private static final Duration KEY_MARGIN = Duration.ofMinutes(1);
    private static final String KEY_LABEL = "commerce-core one-time codes v1";

    /** Lifetime of a code, wrong attempts allowed on one, and codes sent per e-mail within a window. */
    public record Policy(Duration lifetime, int attempts, int sendsPerWindow, Duration sendWindow) {
        public Policy {
            if (lifetime.isNegative() || lifetime.isZero() || attempts < 1 || sendsPerWindow < 1 || sendWindow.isNegative()
                    || sendWindow.isZero()) {
                throw new IllegalArgumentException("a code policy needs a positive lifetime and window and at least one attempt and send");
            }
        }
    }

    /** A code to mail, and when it stops working. */
    public record Issued(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expires " + expiresAt + "]";
        }
    }

    /** What a check of a code found. */
    public enum Check {
        /** The code was right; it is used up now. */
        VERIFIED,
        /** No code pending: never sent, replaced, used, or locked out earlier. */
        NONE,
        EXPIRED,
        /** Wrong; attempts remain. */
        WRONG,
        /** Wrong, and that was the last attempt: the code is gone. */
        LOCKED
    }

    /** Codes sent to this e-mail reached the limit; the next may be sent after {@code retryAfter}. */
    public static final class SendLimitReached extends RuntimeException {
        private final Duration retryAfter;

        SendLimitReached(Duration retryAfter) {
            super("too many codes sent to this e-mail address");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Counts a send in the current window; over the limit, takes it back and answers 0, else 1. */
    private static final String SEND = """
            local sent = redis.call('INCR', KEYS[1])
            if sent == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            if sent > tonumber(ARGV[2]) then redis.call('DECR', KEYS[1]) return 0 end
            return 1
            """;

    private static final String CHECK = """
            local stored = redis.call('HMGET', KEYS[1], 'mac', 'expires')
            if not stored[1] then return 'NONE' end
            if tonumber(stored[2]) <= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return 'EXPIRED' end
            if stored[1] == ARGV[1] then redis.call('DEL', KEYS[1]) return 'VERIFIED' end
            local wrong = redis.call('HINCRBY', KEYS[1], 'wrong', 1)
            if wrong >= tonumber(ARGV[3]) then redis.call('DEL', KEYS[1]) return 'LOCKED' end
            return 'WRONG'
            """;

    private final UnifiedJedis redis;
    private final Policy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final SecretKeySpec key;

    /** Checks by result (verified, wrong, locked, expired, none); {@code purpose} tags every code meter. */
    static final String CHECKS_METER = "commerce.codes.checks";
    /** Sends refused because the e-mail's send limit was reached. */
    static final String LIMITED_METER = "commerce.codes.send.limited";
    private final MeterRegistry meters;

    public OneTimeCodes(UnifiedJedis redis, Policy policy, String tokenSecret, Clock clock, SecureRandom random,
                        MeterRegistry meters) {
        this.meters = meters;
        this.redis = redis;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), KEY_LABEL),
                "HmacSHA256");
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Counts a code sent to {@code email}; over the limit, nothing is counted or sent and
     * {@link SendLimitReached} says when to try again. Called for e-mails with no account too.
     */
    public void admitSend(Purpose purpose, String email) {
        long window = policy.sendWindow().toMillis();
        long now = clock.millis();
        long windowIndex = Math.floorDiv(now, window);
        Object admitted = redis.eval(SEND, List.of("otp-sends:" + name(purpose) + ":" + sha256(normalised(email)) + ":" + windowIndex),
                List.of(Long.toString(window * 2), Integer.toString(policy.sendsPerWindow())));
        if (((Number) admitted).longValue() == 0) {
            meters.counter(LIMITED_METER, "purpose", name(purpose)).increment();
            throw new SendLimitReached(Duration.ofMillis(Math.max(1, (windowIndex + 1) * window - now)));
        }
    }

    /**
     * A new code for {@code accountId}, sent to {@code email}, replacing any pending one for the same
     * purpose. The e-mail is part of what the code proves: after the account's e-mail changes, a code
     * mailed to the old one no longer matches.
     */
    public Issued issue(Purpose purpose, String accountId, String email) {
        String code = String.format(Locale.ROOT, "%0" + DIGITS + "d", random.nextInt(BOUND));
        Instant expiresAt = clock.instant().plus(policy.lifetime());
        String key = key(purpose, accountId);
        redis.eval("""
                redis.call('DEL', KEYS[1])
                redis.call('HSET', KEYS[1], 'mac', ARGV[1], 'expires', ARGV[2], 'wrong', 0)
                redis.call('PEXPIRE', KEYS[1], ARGV[3])
                return 1
                """, List.of(key), List.of(mac(purpose, accountId, email, code), Long.toString(expiresAt.toEpochMilli()),
                Long.toString(policy.lifetime().plus(KEY_MARGIN).toMillis())));
        return new Issued(code, expiresAt);
    }

    /** Takes back a code that could not be sent, unless a newer one replaced it. */
    public void withdraw(Purpose purpose, String accountId, String email, Issued issued) {
        redis.eval("if redis.call('HGET', KEYS[1], 'mac') == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                List.of(key(purpose, accountId)), List.of(mac(purpose, accountId, email, issued.code())));
    }

    /** Checks {@code code}, sent to {@code email}: right once, before it expires, within the attempt limit. */
    public Check check(Purpose purpose, String accountId, String email, String code) {
        Object answer = redis.eval(CHECK, List.of(key(purpose, accountId)),
                List.of(mac(purpose, accountId, email, code), Long.toString(clock.millis()), Integer.toString(policy.attempts())));
        Check check = Check.valueOf(answer.toString());
        meters.counter(CHECKS_METER, "purpose", name(purpose), "result", check.name().toLowerCase(Locale.ROOT)).increment();
        return check;
    }

    private static String key(Purpose purpose, String accountId) {
        return "otp:" + name(purpose) + ":" + accountId;
    }

    private static String name(Purpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT);
    }

    private String mac(Purpose purpose, String accountId, String email, String code) {
        return HexFormat.of().formatHex(hmac(key, name(purpose) + ":" + accountId + ":" + normalised(email) + ":" + code));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package org.commercecore.payments.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.commercecore.schemas.payments.DeclineCode;

/**
 * A deterministic stand-in for a real provider, the default adapter. Its decisions depend only on
 * the request (amount limit, declined customers), its failures on the idempotency key and the
 * attempt, so every run of a test sees the same outcomes. It keeps the first result of every
 * idempotency key and counts the operations it actually executed, so tests can prove that no
 * operation ran twice. What it keeps per key (attempts, result, request) is bounded by
 * {@link Memory}: by time since the key's last call, and by count (least recently called first).
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    /**
     * @param limitMinor      an authorization above this amount is declined (LIMIT_EXCEEDED)
     * @param declinedPrefix  customers whose id starts with this are declined (INSUFFICIENT_FUNDS)
     * @param latency         how long every call takes
     * @param failureRate     share of calls that fail as unavailable (0 to 1), decided per key and attempt
     */
    public record Rules(long limitMinor, String declinedPrefix, Duration latency, double failureRate) {
        public static Rules standard() {
            return new Rules(500_000, "declined-", Duration.ZERO, 0.0);
        }
    }

    /**
     * How long and how many idempotency keys it remembers. A key is kept for {@code retention}
     * after its last call and evicted earlier only when more than {@code maxKeys} are kept (least
     * recently called first). Within that, an operation is never executed twice. The standard
     * retention, a day, is far longer than any key is retried: ProviderCalls retries a key with a
     * backoff of at most 5 s and this provider fails a key at most 5 times, so a call is answered
     * within seconds; a task's new owner asks again once, when it takes over the task (PaymentProcessor),
     * which takes a rebalance, minutes at most.
     */
    public record Memory(Duration retention, int maxKeys) {
        public Memory {
            if (retention.isNegative() || retention.isZero() || maxKeys <= 0) {
                throw new IllegalArgumentException("retention and maxKeys must be positive: " + retention + ", " + maxKeys);
            }
        }

        public static Memory standard() {
            return new Memory(Duration.ofDays(1), 100_000);
        }
    }

    /** What it remembers of one idempotency key. */
    private static final class Key {
        long attempts;
        ProviderResult result;
        ProviderRequest request;
        Instant lastCall;
    }

    private final Rules rules;
    private final Memory memory;
    private final Clock clock;
    /** By idempotency key, least recently called first; guarded by itself. */
    private final LinkedHashMap<String, Key> keys = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong forgotten = new AtomicLong();

    public SimulatedPaymentProvider(Rules rules) {
        this(rules, Memory.standard(), Clock.systemUTC());
    }

    public SimulatedPaymentProvider(Rules rules, Memory memory, Clock clock) {
        this.rules = rules;
        this.memory = memory;
        this.clock = clock;
    }

    @Override
    public ProviderResult execute(ProviderRequest request) throws ProviderUnavailableException {
        calls.incrementAndGet();
        pause();
        long attempt;
        synchronized (keys) {
            Instant now = clock.instant();
            Key key = keys.computeIfAbsent(request.idempotencyKey(), k -> new Key());
            key.lastCall = now;
            attempt = ++key.attempts;
            if (!fails(request.idempotencyKey(), attempt)) {
                if (key.result == null) {
                    key.request = request;
                    key.result = decide(request);
                }
                ProviderResult result = key.result;
                forgetOld(now);
                return result;
            }
            forgetOld(now);
        }
        throw new ProviderUnavailableException("simulated outage for " + request.idempotencyKey() + " (attempt " + attempt + ")");
    }

    /** Evicts from the least recently called end: keys past their retention, then any beyond maxKeys. */
    private void forgetOld(Instant now) {
        Instant oldestKept = now.minus(memory.retention());
        Iterator<Key> oldestFirst = keys.values().iterator();
        while (oldestFirst.hasNext()) {
            Key key = oldestFirst.next();
            if (keys.size() <= memory.maxKeys() && !key.lastCall.isBefore(oldestKept)) {
                return;
            }
            oldestFirst.remove();
            forgotten.incrementAndGet();
        }
    }

    private ProviderResult decide(ProviderRequest request) {
        if (request.operation() == Operation.AUTHORIZE) {
            if (request.customerId().startsWith(rules.declinedPrefix())) {
                return ProviderResult.declined(DeclineCode.INSUFFICIENT_FUNDS, "card declined for " + request.customerId());
            }
            if (request.amountMinor() > rules.limitMinor()) {
                return ProviderResult.declined(DeclineCode.LIMIT_EXCEEDED,
                        request.amountMinor() + " exceeds the limit of " + rules.limitMinor());
            }
            return ProviderResult.approved("auth-" + Integer.toHexString(request.idempotencyKey().hashCode()));
        }
        return ProviderResult.approved(request.operation().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + Integer.toHexString(request.idempotencyKey().hashCode()));
    }

    /** Deterministic: the same key fails on the same attempts in every run; it never fails forever. */
    private boolean fails(String key, long attempt) {
        if (rules.failureRate() <= 0 || attempt > 5) {
            return false;
        }
        int h = (key + "#" + attempt).hashCode() & 0x7fffffff;
        return (h % 10_000) < rules.failureRate() * 10_000;
    }

    private void pause() {
        if (!rules.latency().isZero()) {
            try {
                Thread.sleep(rules.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Operations executed, by idempotency key, of the keys it still remembers: each key at most once, whatever the retries. */
    public Map<String, ProviderRequest> executed() {
        synchronized (keys) {
            Map<String, ProviderRequest> executed = new HashMap<>();
            keys.forEach((id, key) -> {
                if (key.request != null) {
                    executed.put(id, key.request);
                }
            });
            return Map.copyOf(executed);
        }
    }

    /** Idempotency keys it remembers now (at most {@link Memory#maxKeys}). */
    public int remembered() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** Idempotency keys it has forgotten (retention passed, or too many kept): a test that needs every key kept checks this is 0. */
    public long forgotten() {
        return forgotten.get();
    }

    /** Every call received, retries and replays included. */
    public long calls() {
        return calls.get();
    }
}

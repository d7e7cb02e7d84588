package org.commercecore.payments.provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.commercecore.schemas.payments.DeclineCode;

/**
 * A deterministic stand-in for a real provider, the default adapter. Its decisions depend only on
 * the request (amount limit, declined customers), its failures on the idempotency key and the
 * attempt, so every run of a test sees the same outcomes. It keeps the first result of every
 * idempotency key and counts the operations it actually executed, so tests can prove that no
 * operation ran twice.
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

    private final Rules rules;
    private final Map<String, ProviderResult> results = new ConcurrentHashMap<>();
    private final Map<String, ProviderRequest> executed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public SimulatedPaymentProvider(Rules rules) {
        this.rules = rules;
    }

    @Override
    public ProviderResult execute(ProviderRequest request) throws ProviderUnavailableException {
        calls.incrementAndGet();
        pause();
        long attempt = attempts.computeIfAbsent(request.idempotencyKey(), k -> new AtomicLong()).incrementAndGet();
        if (fails(request.idempotencyKey(), attempt)) {
            throw new ProviderUnavailableException("simulated outage for " + request.idempotencyKey() + " (attempt " + attempt + ")");
        }
        return results.computeIfAbsent(request.idempotencyKey(), key -> {
            executed.put(key, request);
            return decide(request);
        });
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

    /** Operations executed, by idempotency key: each key at most once, whatever the retries. */
    public Map<String, ProviderRequest> executed() {
        return Map.copyOf(executed);
    }

    /** Every call received, retries and replays included. */
    public long calls() {
        return calls.get();
    }
}

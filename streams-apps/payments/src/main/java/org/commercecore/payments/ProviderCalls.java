package org.commercecore.payments;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.commercecore.payments.provider.PaymentProvider;
import org.commercecore.payments.provider.ProviderRequest;
import org.commercecore.payments.provider.ProviderResult;
import org.commercecore.payments.provider.ProviderUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes provider calls off the stream threads, so a slow provider delays only the orders waiting
 * for it. A call that fails for want of the provider is retried with exponential backoff until
 * it gets an answer: a payment is never dropped because the provider was down for a while.
 */
public final class ProviderCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final PaymentProvider provider;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries;

    public ProviderCalls(PaymentProvider provider, int concurrency) {
        this.provider = provider;
        this.workers = Executors.newFixedThreadPool(concurrency, daemon("payment-provider-call"));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon("payment-provider-retry"));
    }

    public CompletableFuture<ProviderResult> submit(ProviderRequest request) {
        CompletableFuture<ProviderResult> result = new CompletableFuture<>();
        attempt(request, result, 1);
        return result;
    }

    private void attempt(ProviderRequest request, CompletableFuture<ProviderResult> result, int attempt) {
        if (result.isDone()) {
            return;
        }
        workers.execute(() -> {
            try {
                result.complete(provider.execute(request));
            } catch (ProviderUnavailableException | RuntimeException e) {
                long delay = Math.min(FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10), MAX_BACKOFF.toMillis());
                LOG.warn("{} for order {} failed (attempt {}): {}; retrying in {} ms", request.operation(),
                        request.orderId(), attempt, e.getMessage(), delay);
                retries.schedule(() -> attempt(request, result, attempt + 1), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

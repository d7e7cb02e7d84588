package org.commercecore.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady open-loop order load through the gateway: one order every {@code 1/rate} s whatever
 * the system does, each sent by a client that behaves as a real one does. It retries a refused
 * connection, a timeout, a 5xx and a 429 with the same {@code Idempotency-Key} until it gets its
 * 202 or its patience runs out; any other answer is a failure. What it keeps is what the system
 * promised: the order id of every 202, by key.
 */
final class OrderLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the gateway's own 10 s for a write: a request not answered by then counts as hung (and is retried). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI orders;
    private final List<String> customerTokens;
    private final List<String> skus;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** When each accepted order was first sent (epoch ms): where its latency to a terminal status starts. */
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong hung = new AtomicLong();

    OrderLoad(URI api, List<String> customerTokens, List<String> skus) {
        this.orders = api.resolve("orders");
        this.customerTokens = List.copyOf(customerTokens);
        this.skus = List.copyOf(skus);
    }

    void start(int perSecond) {
        ticker.scheduleAtFixedRate(() -> clients.submit(this::placeOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits for every client still retrying to end. */
    @Override
    public void close() {
        ticker.shutdownNow();
        clients.shutdown();
        try {
            if (!clients.awaitTermination(PATIENCE.toSeconds() + 30, TimeUnit.SECONDS)) {
                failures.add("clients still retrying after their patience");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Order id by idempotency key, for every order answered 202. */
    Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    /** When each accepted order was first sent, by order id (epoch ms). */
    Map<String, Long> firstSent() {
        return Map.copyOf(firstSent);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    int sent() {
        return sent.get();
    }

    long retries() {
        return retries.get();
    }

    /** Requests that got no answer within {@link #REQUEST_TIMEOUT} (each was retried). */
    long hung() {
        return hung.get();
    }

    private void placeOne() {
        int n = sent.incrementAndGet();
        String key = "fault-matrix-" + UUID.randomUUID();
        String token = customerTokens.get(n % customerTokens.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String body = "{\"lines\":[{\"sku\":\"" + skus.get(random.nextInt(skus.size())) + "\",\"quantity\":" + (1 + random.nextInt(2))
                + "}]}";
        HttpRequest request = HttpRequest.newBuilder(orders).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long firstAttempt = System.currentTimeMillis();
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        String last = "never sent";
        while (System.nanoTime() < giveUpAt) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202) {
                    JsonNode reply = JSON.readTree(response.body());
                    String orderId = reply.path("order_id").asText();
                    firstSent.put(orderId, firstAttempt);
                    accepted.put(key, orderId);
                    return;
                }
                last = "HTTP " + status + ": " + response.body();
                if (status < 500 && status != 429) {
                    failures.add(key + " refused: " + last);
                    return;
                }
            } catch (java.net.http.HttpTimeoutException e) {
                hung.incrementAndGet();
                last = "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(key + " interrupted");
                return;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(key + " interrupted");
                return;
            }
        }
        failures.add(key + " gave up after " + PATIENCE.toSeconds() + " s; last: " + last);
    }
}

package org.commercecore.notificationse2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.commercecore.notifications.delivery.WebhookSignature;

/**
 * A push service as the webhook contract asks a receiver to be: it verifies every request's
 * signature and timestamp, refuses what does not verify with 401, and deduplicates on the delivery
 * id. It answers 503 to the first attempt of every {@code failEvery}-th new id, so retries happen.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final WebhookSignature signature;
    private final int failEvery;
    private final Map<String, Integer> attemptsById = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();
    private final AtomicInteger failedOnPurpose = new AtomicInteger();
    private final Map<String, String> kindById = new ConcurrentHashMap<>();

    WebhookReceiver(byte[] secret, int failEvery) throws IOException {
        this.signature = new WebhookSignature(secret);
        this.failEvery = failEvery;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/push", exchange -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst(WebhookSignature.ID);
            boolean valid = signature.verify(id, exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), body, Instant.now(), Duration.ofMinutes(5));
            int status;
            if (!valid) {
                unverified.incrementAndGet();
                status = 401;
            } else {
                int attempt = attemptsById.merge(id, 1, Integer::sum);
                if (attempt == 1 && Math.floorMod(id.hashCode(), failEvery) == 0) {
                    failedOnPurpose.incrementAndGet();
                    status = 503;
                } else {
                    if (!accepted.add(id)) {
                        duplicates.incrementAndGet(); // seen and accepted before: a receiver drops it, and says 2xx again
                    }
                    kindById.put(id, JSON.readTree(body).path("data").path("kind").asText());
                    status = 204;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/push");
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    String kindOf(String id) {
        return kindById.get(id);
    }

    int requests() {
        return requests.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int unverified() {
        return unverified.get();
    }

    int failedOnPurpose() {
        return failedOnPurpose.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.commercecore.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for one API instance: answers its health check (or not), serves every other path with
 * a small JSON body naming itself, and counts what reached it, so a test can tell what the gateway
 * let through. Product reads say {@code Cache-Control: public}, as the query API's do.
 */
final class StandInInstance implements AutoCloseable {
    /** What one request looked like on arrival. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final String name;
    private final HttpServer server;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    private StandInInstance(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    static StandInInstance start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        StandInInstance backend = new StandInInstance(name, server);
        server.createContext("/", backend::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return backend;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void healthy(boolean healthy) {
        this.healthy.set(healthy);
    }

    int healthChecks() {
        return healthChecks.get();
    }

    /** What {@code path} answers from now on (default: a body naming this instance). */
    void answer(String path, String json) {
        bodies.put(path, json);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    void forget() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/health/ready")) {
                healthChecks.incrementAndGet();
                respond(exchange, healthy.get() ? 200 : 503, "no-store", "{}");
                return;
            }
            seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (requestId != null) {
                exchange.getResponseHeaders().set("X-Request-Id", requestId); // echoed, as the APIs do
            }
            if (path.equals("/auth/login")) {
                respond(exchange, 401, "no-store", "{\"status\":401}");
                return;
            }
            if (path.equals("/users") && exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Location", "/users/me");
                respond(exchange, 201, "no-store", "{}");
                return;
            }
            String json = bodies.getOrDefault(path, "{\"served_by\":\"" + name + "\",\"path\":\"" + path + "\"}");
            respond(exchange, 200, path.startsWith("/products/") ? "public, max-age=60" : "no-store", json);
        }
    }

    private static void respond(HttpExchange exchange, int status, String cacheControl, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Stops listening: connections are refused from now on, as from a killed instance. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

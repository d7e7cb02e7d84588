package org.commercecore.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import redis.embedded.RedisServer;

/**
 * The gateway in its own Spring context, in front of stand-in instances (two of the query API, one
 * of the command API) and a real Redis: what reaches a backend and what the client gets back. The
 * tests that take instances down run last, in order. The same behaviour on the real stack:
 * GatewayIT (module system-tests/gateway-e2e).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTest {
    private static final String SECRET = "a-gateway-test-secret-that-is-long-enough-0123";
    private static final Duration HEALTH_INTERVAL = Duration.ofMillis(300);

    private RedisServer redis;
    private StandInInstance query1;
    private StandInInstance query2;
    private StandInInstance command;
    private ConfigurableApplicationContext gateway;
    private URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws Exception {
        int redisPort = freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        query1 = StandInInstance.start("query-1");
        query2 = StandInInstance.start("query-2");
        command = StandInInstance.start("command");
        // command-line arguments: they win over application.yml, as the variables it reads would
        gateway = new SpringApplicationBuilder(GatewayApp.class).run(arguments(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("management.server.port", "0"),
                Map.entry("spring.data.redis.url", "redis://127.0.0.1:" + redisPort),
                Map.entry("spring.cloud.loadbalancer.health-check.interval", HEALTH_INTERVAL.toMillis() + "ms"),
                Map.entry("commerce.gateway.command-urls", command.url().toString()),
                Map.entry("commerce.gateway.query-urls", query1.url() + "," + query2.url()),
                Map.entry("commerce.gateway.token-secret", SECRET),
                Map.entry("commerce.gateway.cors-origins", "https://shop.example"),
                Map.entry("commerce.gateway.max-body-bytes", "1024"),
                Map.entry("commerce.gateway.query-timeout", "3s"),
                Map.entry("commerce.gateway.limits.anonymous.requests", "5"),
                Map.entry("commerce.gateway.limits.anonymous.burst", "8"),
                Map.entry("commerce.gateway.limits.login-account.requests", "5"),
                Map.entry("commerce.gateway.limits.login-account.burst", "10"))));
        base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/orders/warm-up", token("someone")).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        List.of(query1, query2, command).forEach(StandInInstance::close);
        if (redis != null) {
            try {
                redis.stop();
            } catch (Exception e) {
                // the JVM is ending anyway
            }
        }
    }

    /** Every test starts with full buckets and empty counts. */
    @BeforeEach
    void forget() {
        gateway.getBean(ReactiveStringRedisTemplate.class).execute(c -> c.serverCommands().flushAll()).blockLast();
        List.of(query1, query2, command).forEach(StandInInstance::forget);
    }

    @Test
    void aRequestWithoutATokenIsRefusedAtTheEdge() throws Exception {
        HttpResponse<String> response = get("/api/v1/orders/o-1", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).contains("\"status\":401").contains("needs an access token");
        assertThat(reachedAnyBackend()).isZero();
    }

    @Test
    void forgedExpiredUnsignedAndForeignTokensAreRefusedAtTheEdge() throws Exception {
        Instant now = Instant.now();
        List<String> rejected = List.of(
                JWT.create().withIssuer("commerce-core").withSubject("u").withClaim("role", "CUSTOMER")
                        .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256("another-secret-that-is-long-enough-0123456789")),
                JWT.create().withIssuer("commerce-core").withSubject("u").withClaim("role", "CUSTOMER")
                        .withIssuedAt(now.minusSeconds(900)).withExpiresAt(now.minusSeconds(60)).sign(Algorithm.HMAC256(SECRET)),
                JWT.create().withIssuer("commerce-core").withSubject("u").withClaim("role", "ADMIN")
                        .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.none()),
                JWT.create().withIssuer("someone-else").withSubject("u").withClaim("role", "CUSTOMER")
                        .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET)),
                JWT.create().withIssuer("commerce-core").withSubject("u")
                        .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256(SECRET)), // no role
                JWT.create().withIssuer("commerce-core").withSubject("u").withClaim("role", "CUSTOMER")
                        .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC384(SECRET)),
                "not-a-jwt");
        for (String token : rejected) {
            HttpResponse<String> response = get("/api/v1/orders/o-1", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("not valid");
        }
        // a forged token on a public route is refused too: it never reaches a service
        assertThat(get("/api/v1/products/KETTLE-1", rejected.get(0)).statusCode()).isEqualTo(401);
        assertThat(reachedAnyBackend()).isZero();
    }

    @Test
    void aValidTokenReachesTheQueryApiWithRequestIdAndTraceContext() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/v1/orders/o-7/timeline"))
                .header("Authorization", "Bearer " + token("ada")).header("X-Request-Id", "client-id-1")
                .header("traceparent", traceparent).header("X-Forwarded-For", "10.9.9.9").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-id-1"); // once, though the backend echoes it
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        StandInInstance.Seen seen = only("/orders/o-7/timeline");
        assertThat(seen.header("X-Request-Id")).isEqualTo("client-id-1");
        assertThat(seen.header("traceparent")).isEqualTo(traceparent);
        assertThat(seen.header("Authorization")).startsWith("Bearer "); // the service checks it again
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("127.0.0.1"); // the client's own claim is not passed on

        get("/api/v1/orders/o-8", token("ada"));
        StandInInstance.Seen generated = only("/orders/o-8");
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(generated.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void writesGoToTheCommandApiAndReadsOfOnesOwnProfileToo() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(base.resolve("/api/v1/orders"))
                .header("Authorization", "Bearer " + token("ada")).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-1").POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[]}")));
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/users/me", token("ada")).statusCode()).isEqualTo(200);
        assertThat(command.seen()).extracting(StandInInstance.Seen::path).containsExactly("/orders", "/users/me");
        assertThat(command.seen().get(0).body()).isEqualTo("{\"lines\":[]}");
    }

    @Test
    void aLocationTheServiceAnswersWithPointsIntoThePublicPathSpace() throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(base.resolve("/api/v1/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@example.org\"}")));
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).hasValue("/api/v1/users/me");
    }

    @Test
    void aPublicReadIsServedFromTheCacheTheSecondTimeAndAnswers304ToItsTag() throws Exception {
        HttpResponse<String> first = get("/api/v1/products/KETTLE-1", null);
        HttpResponse<String> second = get("/api/v1/products/KETTLE-1", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("X-Gateway-Cache")).hasValue("miss");
        assertThat(second.headers().firstValue("X-Gateway-Cache")).hasValue("hit");
        assertThat(queryCount("/products/KETTLE-1")).isEqualTo(1);

        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(second.headers().firstValue("ETag")).hasValue(etag);
        assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        HttpResponse<String> notModified = send(HttpRequest.newBuilder(base.resolve("/api/v1/products/KETTLE-1"))
                .header("If-None-Match", etag).GET());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(queryCount("/products/KETTLE-1")).isEqualTo(1);
    }

    @Test
    void anAuthenticatedReadIsNeverCached() throws Exception {
        String token = token("ada");
        get("/api/v1/products/MUG-1", token);
        HttpResponse<String> again = get("/api/v1/products/MUG-1", token);
        assertThat(again.headers().firstValue("X-Gateway-Cache")).isEmpty();
        assertThat(queryCount("/products/MUG-1")).isEqualTo(2);
        // nor does an anonymous read find what an authenticated one fetched
        assertThat(get("/api/v1/products/MUG-1", null).headers().firstValue("X-Gateway-Cache")).hasValue("miss");
    }

    @Test
    void aCachedAnswerStillCountsAgainstTheRateLimit() throws Exception {
        assertThat(get("/api/v1/products/top", null).headers().firstValue("X-Gateway-Cache")).hasValue("miss");
        // Cache hits, all at once: one after another, a slow machine (a CI run) took more than the 200 ms a token
        // takes to come back per request, so 12 in a row never emptied the bucket of 8. 24 at once are refused
        // unless their arrival spreads over (24 - 7) / 5 s, more than three seconds.
        int requests = 24;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<String> answers;
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(clients.submit(() -> get("/api/v1/products/top", null)));
            }
            answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                answers.add(r.statusCode() + "/" + r.headers().firstValue("X-Gateway-Cache").orElse("-"));
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(answers).as("status/X-Gateway-Cache of each answer").anyMatch(a -> a.startsWith("429/"))
                .allMatch(a -> a.equals("200/hit") || a.startsWith("429/"));
        assertThat(queryCount("/products/top")).isEqualTo(1);
    }

    @Test
    void aBurstOverTheAnonymousLimitGets429WithRetryAfterThenRecovers() throws Exception {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            HttpResponse<String> r = get("/api/v1/products/SKU-" + i, null);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.headers().firstValue("RateLimit-Limit")).hasValue("8");
                assertThat(r.headers().firstValue("RateLimit-Remaining")).isPresent();
            }
        }
        assertThat(refused).as("a refusal within 20 requests over a burst of 8").isNotNull();
        assertThat(gateway.getBean(MeterRegistry.class).counter("commerce.gateway.rate.limited", "policy", "anonymous")
                .count()).isPositive();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("rate-limited").contains("from this address");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        // a refused request takes no token, so asking again while refused does not delay the recovery
        await().atMost(Duration.ofSeconds(retryAfter).plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/products/SKU-again", null).statusCode() == 200);
    }

    @Test
    void passwordGuessingIsStoppedPerAccountBeforeTheThirtiethTry() throws Exception {
        int refusedAt = -1;
        for (int i = 1; i <= 30 && refusedAt < 0; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\" Victim@Example.org \",\"password\":\"guess " + i + "\"}")));
            if (r.statusCode() == 429) {
                refusedAt = i;
                assertThat(r.body()).contains("for this account");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("12"); // 5 a minute
            } else {
                assertThat(r.statusCode()).isEqualTo(401); // the command API's answer, body passed on intact
            }
        }
        assertThat(refusedAt).isEqualTo(11); // a burst of 10
        assertThat(command.count("/auth/login")).isEqualTo(10);
        assertThat(command.seen().get(0).body()).isEqualTo("{\"email\":\" Victim@Example.org \",\"password\":\"guess 1\"}");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/v1/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(2000) + "\"}")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("too-large");
        assertThat(reachedAnyBackend()).isZero();
    }

    @Test
    void theOpsPortAnswersHealthAndMetricsWithoutAToken() throws Exception {
        URI ops = URI.create("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.management.port"));
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(ops.resolve("/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"redis\"");
        assertThat(http.send(HttpRequest.newBuilder(ops.resolve("/health/live")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        get("/api/v1/products/COUNTED-1", null);
        get("/api/v1/products/COUNTED-1", null);
        String metrics = http.send(HttpRequest.newBuilder(ops.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("spring_cloud_gateway_requests_seconds_count")
                .containsPattern("commerce_gateway_cache_total\\{[^\n]*result=\"hit\"[^\n]*} [1-9]")
                .containsPattern("commerce_gateway_cache_total\\{[^\n]*result=\"miss\"[^\n]*} [1-9]");
        // and the public port has no such paths
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(404);
    }

    /**
     * The services' Jetty closes a connection idle for 30 s (its connector's default; the platform's
     * ApiServer keeps it): a pooled connection must retire before that, or a request sent on one the
     * server is closing gets no answer.
     */
    @Test
    void pooledConnectionsRetireBeforeTheServicesCloseIdleOnes() {
        Duration servicesIdleTimeout = Duration.ofSeconds(30);
        HttpClientProperties.Pool pool = gateway.getBean(HttpClientProperties.class).getPool();

        assertThat(pool.getMaxIdleTime()).isEqualTo(Duration.ofSeconds(15));
        assertThat(pool.getEvictionInterval()).isPositive();
        // even found only by the background eviction, an idle connection is closed before the server closes it
        assertThat(pool.getMaxIdleTime().plus(pool.getEvictionInterval())).isLessThan(servicesIdleTimeout);
        assertThat(pool.getMaxLifeTime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/internal/metrics", token("ada"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void corsIsAllowedForTheConfiguredOriginOnly() throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(base.resolve("/api/v1/orders"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        HttpResponse<String> refused = send(HttpRequest.newBuilder(base.resolve("/api/v1/orders"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @Order(Order.DEFAULT + 1) // after every test without an order
    void readsAreSpreadOverEveryHealthyInstance() throws Exception {
        String token = token("ada");
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/orders/o-" + i, token).statusCode()).isEqualTo(200);
        }
        assertThat(query1.seen()).hasSizeBetween(5, 15);
        assertThat(query2.seen()).hasSizeBetween(5, 15);
        assertThat(query1.healthChecks()).isPositive();
    }

    @Test
    @Order(Order.DEFAULT + 2) // after every test without an order
    void anInstanceThatFailsItsHealthCheckLeavesThePoolAndComesBack() throws Exception {
        String token = token("ada");
        query2.healthy(false);
        int checks = query2.healthChecks();
        // the gateway has seen it fail twice: the health-checked list without it has been published
        await().atMost(Duration.ofSeconds(10)).until(() -> query2.healthChecks() >= checks + 2);
        query2.forget();
        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/v1/orders/o-" + i, token).statusCode()).isEqualTo(200);
        }
        assertThat(query2.seen()).isEmpty();
        query2.healthy(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            get("/api/v1/orders/back", token);
            return !query2.seen().isEmpty();
        });
    }

    @Test
    @Order(Order.DEFAULT + 3) // after every test without an order
    void aKilledInstanceCostsNoFailedRead() throws Exception {
        String token = token("ada");
        query1.close(); // refuses connections from now on, before its health check notices
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(get("/api/v1/orders/o-" + i, token).statusCode());
        }
        assertThat(statuses).containsOnly(200); // retried on the other instance
    }

    @Test
    @Order(Order.DEFAULT + 4) // after every test without an order
    void aRouteWithEveryBackendDownAnswers503WithRetryAfterWithinItsTimeout() throws Exception {
        query2.close();
        String token = token("ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/orders/o-0", token).statusCode() == 503);
        long began = System.nanoTime();
        HttpResponse<String> response = get("/api/v1/orders/o-1", token("ada"));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(3)); // the route's timeout
        // the other service's routes are not affected
        assertThat(get("/api/v1/users/me", token("ada")).statusCode()).isEqualTo(200);
    }

    private String token(String subject) {
        return JWT.create().withIssuer("commerce-core").withSubject(subject).withClaim("role", "CUSTOMER")
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long reachedAnyBackend() {
        return query1.seen().size() + query2.seen().size() + command.seen().size();
    }

    private long queryCount(String path) {
        return query1.count(path) + query2.count(path);
    }

    private StandInInstance.Seen only(String path) {
        List<StandInInstance.Seen> seen = new ArrayList<>(query1.seen());
        seen.addAll(query2.seen());
        return seen.stream().filter(s -> s.path().equals(path)).reduce((a, b) -> {
            throw new AssertionError("more than one request to " + path);
        }).orElseThrow(() -> new AssertionError("no request to " + path + " reached a query instance"));
    }

    private static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.commercecore.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push webhook against a real HTTP receiver on loopback that checks what it is sent. */
class WebhookSenderTest {
    private static final byte[] SECRET = "a-test-only-webhook-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private final WebhookSignature signature = new WebhookSignature(SECRET);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    record Received(String id, String timestamp, String signature, byte[] body) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aDeliveryIsSignedOverIdTimestampAndBodyAndCarriesTheNotification() throws Exception {
        WebhookSender sender = sender(answering(exchange -> 204), 4);
        Notification n = Notifications.of(Channel.PUSH, "c-ada", "Hello Ada,\n\nyour order o-1 is confirmed.\n");

        sender.send(n);

        Received r = received.get(0);
        assertThat(r.id()).isEqualTo(n.getNotificationId());
        assertThat(signature.verify(r.id(), r.timestamp(), r.signature(), r.body(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.path("id").asText()).isEqualTo(n.getNotificationId());
        assertThat(json.path("type").asText()).isEqualTo("notification.order_confirmed");
        assertThat(json.path("data").path("customer_id").asText()).isEqualTo("c-ada");
        assertThat(json.path("data").path("body").asText()).isEqualTo(n.getBody());
        assertThat(json.path("data").path("details").path("order_id").asText()).isEqualTo("o-1");
    }

    @Test
    void aTamperedBodyAStaleTimestampOrAnotherSecretDoNotVerify() throws Exception {
        sender(answering(exchange -> 200), 4).send(Notifications.of(Channel.PUSH, "c-ada", "body"));
        Received r = received.get(0);
        Instant now = Instant.now();
        byte[] tampered = new String(r.body(), StandardCharsets.UTF_8).replace("c-ada", "c-eve").getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify(r.id(), r.timestamp(), r.signature(), tampered, now, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(r.id() + "x", r.timestamp(), r.signature(), r.body(), now, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(r.id(), r.timestamp(), r.signature(), r.body(), now.plus(Duration.ofMinutes(6)),
                Duration.ofMinutes(5))).as("replayed six minutes later").isFalse();
        WebhookSignature other = new WebhookSignature("another-secret-that-is-32-bytes-long".getBytes(StandardCharsets.UTF_8));
        assertThat(other.verify(r.id(), r.timestamp(), r.signature(), r.body(), now, Duration.ofMinutes(5))).isFalse();
        assertThat(other.verify(r.id(), r.timestamp(), "v1,bm90LWl0 " + r.signature(), r.body(), now, Duration.ofMinutes(5)))
                .as("a second secret's signature listed beside a valid one").isFalse();
        assertThat(signature.verify(r.id(), r.timestamp(), "v1,bm90LWl0 " + r.signature(), r.body(), now, Duration.ofMinutes(5)))
                .as("one valid signature among several (secret rotation)").isTrue();
    }

    @Test
    void aServerErrorOrTooManyRequestsCanBeRetriedAnyOtherRefusalCannot() throws Exception {
        AtomicInteger status = new AtomicInteger();
        WebhookSender sender = sender(answering(exchange -> status.get()), 4);
        for (int code : List.of(500, 503, 429, 408)) {
            status.set(code);
            assertThat(failure(sender).retryable()).as("%d", code).isTrue();
        }
        for (int code : List.of(400, 401, 404, 410, 301)) {
            status.set(code);
            DeliveryFailure failure = failure(sender);
            assertThat(failure.retryable()).as("%d", code).isFalse();
            assertThat(failure.getMessage()).endsWith("answered " + code);
        }
    }

    @Test
    void aReceiverThatIsNotThereIsARetryableFailure() throws Exception {
        WebhookSender sender = new WebhookSender(Channel.PUSH, URI.create("http://127.0.0.1:" + closedPort() + "/hook"), signature,
                2, Duration.ofSeconds(2), Clock.systemUTC());
        assertThat(failure(sender).retryable()).isTrue();
    }

    @Test
    void noMoreRequestsAreOpenAtOnceThanTheEndpointsLimit() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        WebhookSender sender = sender(answering(exchange -> {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            open.decrementAndGet();
            return 200;
        }), 2);
        var pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sends.add(CompletableFuture.runAsync(() -> {
                try {
                    sender.send(Notifications.of(Channel.PUSH, "c-ada", "body"));
                } catch (DeliveryFailure e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> open.get() == 2);
        release.countDown();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(most.get()).isEqualTo(2);
        assertThat(received).hasSize(8);
    }

    private static DeliveryFailure failure(WebhookSender sender) {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> sender.send(Notifications.of(Channel.PUSH, "c-ada", "body")));
        assertThat(failure).as("the send failed").isNotNull();
        return failure;
    }

    private WebhookSender sender(URI endpoint, int concurrency) {
        return new WebhookSender(Channel.PUSH, endpoint, signature, concurrency, Duration.ofSeconds(5), Clock.systemUTC());
    }

    private URI answering(ToIntFunction<HttpExchange> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.ID),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), body));
            exchange.sendResponseHeaders(status.applyAsInt(exchange), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

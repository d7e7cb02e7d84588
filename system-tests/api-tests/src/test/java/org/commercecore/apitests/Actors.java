package org.commercecore.apitests;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.localstack.junit.CodeMailInbox;
import org.commercecore.platform.tasks.CodeMailTask;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * The callers and what they own, made through the APIs themselves: customers A and B and the admin
 * (signed in), a product, and an order of A's, which the query views learn of from its
 * {@code OrderPlaced} (no saga runs here). A fourth customer is the one generated requests act as,
 * so they can change its account without touching the matrix's callers.
 */
final class Actors {
    static final String SKU = "MATRIX-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "a long password for the tests";

    private final Apis apis;
    private final CodeMailInbox codes;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final Map<Role, String> userIds = new EnumMap<>(Role.class);
    private final String orderOfA;
    private final Account generated;

    record Account(String userId, String token, String orderId) {
    }

    private Actors(Apis apis) {
        this.apis = apis;
        try {
            this.codes = new CodeMailInbox(apis.stack().amqp());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the code mail queue: " + e.getMessage(), e);
        }
        signIn(Role.CUSTOMER_A, register("a"));
        signIn(Role.CUSTOMER_B, register("b"));
        String admin = login(Apis.ADMIN_EMAIL, Apis.ADMIN_PASSWORD).path("access_token").asText();
        tokens.put(Role.ADMIN, admin);
        userIds.put(Role.ADMIN, me(admin).path("id").asText());
        product(SKU);
        orderOfA = placeOrder(tokens.get(Role.CUSTOMER_A));
        announce(orderOfA, userIds.get(Role.CUSTOMER_A));
        String email = register("generated");
        JsonNode session = login(email, PASSWORD);
        String token = session.path("access_token").asText();
        generated = new Account(me(token).path("id").asText(), token, placeOrder(token));
        awaitViews();
    }

    static Actors create(Apis apis) {
        return new Actors(apis);
    }

    String token(Role role) {
        return tokens.get(role);
    }

    /** The user id behind a role (the admin's too); null for anonymous. */
    String userId(Role role) {
        return userIds.get(role);
    }

    /** A's order: in PostgreSQL and in the query views. */
    String orderOfA() {
        return orderOfA;
    }

    Account generated() {
        return generated;
    }

    /** A refresh token nobody has used yet (refresh tokens are single-use). */
    String freshRefreshToken() {
        return login(generatedEmail(), PASSWORD).path("refresh_token").asText();
    }

    /** The generated requests' account's address now (they may have changed it). */
    String generatedEmail() {
        return me(generated.token()).path("email").asText();
    }

    /** A login code just mailed to a new account: the body of a valid {@code POST /auth/otp/verify}. */
    Map<String, String> freshLoginCode() {
        String email = register("code");
        expect(command(Http.Request.of("POST", "/auth/otp").withJson(json(Map.of("email", email)))), 202);
        return Map.of("email", email, "code", awaitCode(email, CodeMailTask.Purpose.LOGIN));
    }

    /**
     * A code that confirms the role's e-mail: the one just mailed to it while it is not verified, any
     * well-formed one once it is (confirming again is a 204), any for the anonymous caller.
     */
    String verificationCode(Role role) {
        String token = tokens.get(role);
        if (token == null) {
            return "000000";
        }
        JsonNode me = me(token);
        if (me.path("email_verified").asBoolean()) {
            return "000000";
        }
        expect(command(Http.Request.of("POST", "/users/me/email-verification").withToken(token)), 202);
        return awaitCode(me.path("email").asText(), CodeMailTask.Purpose.VERIFY_EMAIL);
    }

    private String awaitCode(String email, CodeMailTask.Purpose purpose) {
        try {
            return codes.await(email, purpose).code();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@api-tests.example";
    }

    private String register(String who) {
        String email = uniqueEmail(who);
        Http.Reply reply = command(Http.Request.of("POST", "/users").withJson(json(Map.of("email", email, "password", PASSWORD))));
        expect(reply, 201);
        return email;
    }

    private void signIn(Role role, String email) {
        String token = login(email, PASSWORD).path("access_token").asText();
        tokens.put(role, token);
        userIds.put(role, me(token).path("id").asText());
    }

    private JsonNode login(String email, String password) {
        Http.Reply reply = command(Http.Request.of("POST", "/auth/login").withJson(json(Map.of("email", email, "password", password))));
        return expect(reply, 200);
    }

    private JsonNode me(String token) {
        return expect(command(Http.Request.of("GET", "/users/me").withToken(token)), 200);
    }

    private void product(String sku) {
        expect(command(Http.Request.of("PUT", "/products/" + sku).withToken(tokens.get(Role.ADMIN))
                .withJson(json(Map.of("name", "Matrix kettle", "price_minor", 2490, "currency", "EUR")))), 201);
        expect(command(Http.Request.of("POST", "/products/" + sku + "/stock-adjustments").withToken(tokens.get(Role.ADMIN))
                .withJson(json(Map.of("quantity_delta", 100000, "reason", "INITIAL")))), 202);
        // The query views take stock from the inventory app's stream, which does not run here.
        send(Topics.STOCK_ADJUSTMENTS.name(), sku, StockAdjustment.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now()).setSku(sku).setAdjustmentId(UUID.randomUUID().toString()).setQuantityDelta(100000)
                .setReason(AdjustmentReason.INITIAL).build(), Topics.STOCK_ADJUSTMENTS.valueSerde(serdes()).serializer());
    }

    private String placeOrder(String token) {
        Http.Reply reply = command(Http.Request.of("POST", "/orders").withToken(token).withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .withJson(json(Map.of("lines", List.of(Map.of("sku", SKU, "quantity", 1))))));
        return expect(reply, 202).path("order_id").asText();
    }

    private void announce(String orderId, String customerId) {
        Instant now = Instant.now();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setLines(List.of(new OrderLine(1, SKU, 1, 2490L)))
                .setTotalMinor(2490L).setCurrency("EUR").setPlacedAt(now).build();
        send(Topics.ORDER_EVENTS.name(), orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now)
                .setOrderId(orderId).setCorrelationId(orderId).setCustomerId(customerId).setPayload(placed).build(),
                Topics.ORDER_EVENTS.valueSerde(serdes()).serializer());
    }

    private void awaitViews() {
        for (var base : apis.queryApis()) {
            await("A's order on " + base).atMost(Duration.ofSeconds(60)).until(() -> Http.send(base,
                    Http.Request.of("GET", "/orders/" + orderOfA).withToken(tokens.get(Role.CUSTOMER_A))).status() == 200);
            await("the product on " + base).atMost(Duration.ofSeconds(60)).until(() -> {
                Http.Reply product = Http.send(base, Http.Request.of("GET", "/products/" + SKU));
                return product.status() == 200 && JSON.readTree(product.body()).path("name").asText().equals("Matrix kettle");
            });
        }
    }

    private <V> void send(String topic, String key, V value, org.apache.kafka.common.serialization.Serializer<V> serializer) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, apis.stack().kafkaBootstrapServers()), new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private AvroSerdes serdes() {
        return AvroSerdes.forRegistry(apis.stack().registryUrl());
    }

    private Http.Reply command(Http.Request request) {
        return Http.send(apis.commandApi(), request);
    }

    private static JsonNode expect(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("setting up the actors: expected " + status + ", got " + reply.status() + " " + reply.body());
        }
        try {
            return reply.body().isEmpty() ? JSON.nullNode() : JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

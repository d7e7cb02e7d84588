package org.commercecore.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.topics.Topics;
import org.commercecore.query.views.QueryTopology;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * Two query API instances over a real broker: each answers for keys the other owns (over gRPC),
 * reads wait for their own writes, ownership is enforced, and when an owner cannot answer, the
 * other's standby copy does and says so.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIT {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    /** Signs the instances' calls to each other; not the access tokens' secret. */
    static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.systemUTC());
    private QueryApiApp.Running a;
    private QueryApiApp.Running b;
    private KafkaProducer<String, OrderEvent> orders;
    private KafkaProducer<String, PaymentEvent> payments;
    private KafkaProducer<String, StockAdjustment> adjustments;
    private StackAddresses stack;

    @BeforeAll
    void start(StackAddresses stack) throws Exception {
        this.stack = stack;
        Path state = Files.createTempDirectory("query-it");
        a = QueryApiApp.start(config(stack, state.resolve("a")));
        b = QueryApiApp.start(config(stack, state.resolve("b")));
        assertThat(a.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
        assertThat(b.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        orders = new KafkaProducer<>(producer, new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(serdes).serializer());
        payments = new KafkaProducer<>(producer, new StringSerializer(), Topics.PAYMENT_EVENTS.valueSerde(serdes).serializer());
        adjustments = new KafkaProducer<>(producer, new StringSerializer(), Topics.STOCK_ADJUSTMENTS.valueSerde(serdes).serializer());
    }

    @AfterAll
    void stop() {
        orders.close();
        payments.close();
        adjustments.close();
        b.close();
        a.close();
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersForKeysOwnedByEither() throws Exception {
        String customer = UUID.randomUUID().toString();
        // random ids: eight of them all land on one instance's partitions once in about 128 runs, so orders are
        // placed until each instance owns some (at most 64: all on one instance then means one owns every partition)
        List<String> ids = new ArrayList<>();
        boolean ownedByA = false;
        boolean ownedByB = false;
        while (ids.size() < 8 || !(ownedByA && ownedByB) && ids.size() < 64) {
            String id = place(customer, 1000 + ids.size());
            ids.add(id);
            HostInfo owner = owner(id);
            ownedByA |= owner.port() == a.grpcPort();
            ownedByB |= owner.port() == b.grpcPort();
        }
        for (String id : ids) {
            HttpResponse<String> viaA = get(a, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customer);
            HttpResponse<String> viaB = get(b, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customer);
            assertThat(viaA.statusCode()).as(viaA.body()).isEqualTo(200);
            assertThat(viaB.statusCode()).as(viaB.body()).isEqualTo(200);
            assertThat(JSON.readTree(viaA.body())).isEqualTo(JSON.readTree(viaB.body()));
            assertThat(viaA.headers().firstValue("X-Served-By")).contains("active");
        }
        assertThat(ownedByA && ownedByB).as("the keys are spread over both instances").isTrue();
    }

    @Test
    @Order(2)
    void aReadWaitsForItsOwnWriteAndAnswersAsSoonAsTheViewGetsThere() throws Exception {
        String customer = UUID.randomUUID().toString();
        String id = place(customer, 2500);
        get(a, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customer);

        CompletableFuture<HttpResponse<String>> waiting = getAsync(b, "/orders/" + id + "?waitFor=CONFIRMED&timeout=25s", customer);
        assertThat(waiting).isNotDone();
        changed(id, customer, OrderStatus.PLACED, OrderStatus.CONFIRMED);

        HttpResponse<String> confirmed = waiting.get();
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.headers().firstValue("X-Wait")).contains("reached");
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).isEqualTo("CONFIRMED");

        HttpResponse<String> notYet = get(a, "/orders/" + id + "?waitFor=SHIPPED&timeout=500ms", customer);
        assertThat(notYet.statusCode()).isEqualTo(200);
        assertThat(notYet.headers().firstValue("X-Wait")).contains("timeout");
        assertThat(get(b, "/orders/" + UUID.randomUUID() + "?waitFor=PLACED&timeout=500ms", customer).statusCode())
                .as("404 only once the wait is over").isEqualTo(404);
    }

    @Test
    @Order(3)
    void anotherCustomerCannotReadTheOrderAndBadParametersAreNamed() throws Exception {
        String customer = UUID.randomUUID().toString();
        String id = place(customer, 700);
        assertThat(get(a, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customer).statusCode()).isEqualTo(200);

        assertThat(get(a, "/orders/" + id, UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        for (QueryApiApp.Running instance : List.of(a, b)) { // one holds the order, the other asks it
            long started = System.nanoTime();
            HttpResponse<String> waited = get(instance, "/orders/" + id + "?waitFor=PLACED&timeout=1500ms", UUID.randomUUID().toString());
            assertThat(waited.statusCode()).isEqualTo(404);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("someone else's order, placed already, is refused no sooner"
                    + " than a missing one: only when the wait is over").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        }
        HttpResponse<String> admin = send(b, "/orders/" + id, tokens.issue(new Caller("someone", Role.ADMIN)).token());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(send(a, "/orders/" + id, null).statusCode()).isEqualTo(401);
        HttpResponse<String> badWait = get(a, "/orders/" + id + "?waitFor=DELIVERED", customer);
        assertThat(badWait.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badWait.body()).path("errors").get(0).path("field").asText()).isEqualTo("waitFor");
    }

    @Test
    @Order(4)
    void aCustomersOrdersArePagedNewestFirst() throws Exception {
        String customer = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(place(customer, 100 * (i + 1)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(b, "/users/me/orders?limit=100", customer).body())
                .path("items").size() == 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(get(a, "/users/me/orders?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), customer).body());
            page.path("items").forEach(item -> seen.add(item.path("order_id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        // base64url of "-1", "01" (not as written), "2" padded, "abc", and an offset near Integer.MAX_VALUE (valid, past the end)
        for (String forged : List.of("LTE", "MDE", "Mg==", "YWJj", "")) {
            HttpResponse<String> refused = get(a, "/users/me/orders?cursor=" + forged, customer);
            assertThat(refused.statusCode()).as("cursor %s", forged).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        }
        JsonNode pastTheEnd = JSON.readTree(get(a, "/users/me/orders?cursor=MjE0NzQ4MzY0MA", customer).body());
        assertThat(pastTheEnd.path("items").size()).isZero();
        assertThat(pastTheEnd.path("next_cursor").isNull()).isTrue();
    }

    @Test
    @Order(5)
    void theTimelineListsTheOrdersEventsAndItsPaymentsInOrder() throws Exception {
        String customer = UUID.randomUUID().toString();
        String id = place(customer, 4200);
        payments.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS.name(), id, PaymentEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now()).setOrderId(id).setCorrelationId(id).setPaymentId("pay-" + id)
                .setIdempotencyKey(id + ":authorize").setPayload(new PaymentAuthorized(4200L, "EUR", "auth-1")).build())).get();
        changed(id, customer, OrderStatus.PLACED, OrderStatus.CONFIRMED);
        get(a, "/orders/" + id + "?waitFor=CONFIRMED&timeout=20s", customer);

        List<String> types = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            types.clear();
            JSON.readTree(get(b, "/orders/" + id + "/timeline", customer).body()).path("events")
                    .forEach(e -> types.add(e.path("type").asText()));
            assertThat(types).containsExactly("OrderPlaced", "PaymentAuthorized", "OrderStatusChanged");
        });
    }

    @Test
    @Order(6)
    void aProductShowsItsCatalogCardAndStockAndTheTopSellersAreServedFromRedisOnTheSecondCall() throws Exception {
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO products (sku, name, price_minor, currency) VALUES ('TOP-A', 'Kettle', 2490, 'EUR')");
        }
        adjustments.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), "TOP-A", StockAdjustment.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setSku("TOP-A").setAdjustmentId(UUID.randomUUID().toString())
                .setQuantityDelta(10).setReason(AdjustmentReason.INITIAL).build())).get();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode product = JSON.readTree(send(b, "/products/TOP-A", null).body());
            assertThat(product.path("name").asText()).isEqualTo("Kettle");
            assertThat(product.path("available").asLong()).isEqualTo(10);
        });
        assertThat(send(a, "/products/NO-SUCH", null).statusCode()).isEqualTo(404);

        String customer = UUID.randomUUID().toString();
        changed(place(customer, "TOP-A", 3), customer, OrderStatus.PLACED, OrderStatus.CONFIRMED);
        changed(place(customer, "TOP-B", 1), customer, OrderStatus.PLACED, OrderStatus.CONFIRMED);
        place(customer, "TOP-C", 50); // placed, never confirmed: not a sale
        // the two sales travel on different partitions, so either may be counted first: wait for both
        JsonNode ranking = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(send(a, "/products/top?window=1h", null).body()),
                r -> r.toString().contains("TOP-A") && r.toString().contains("TOP-B"));
        List<String> skus = new ArrayList<>();
        ranking.path("items").forEach(item -> skus.add(item.path("sku").asText() + "=" + item.path("units").asLong()));
        assertThat(skus).as("earlier tests confirmed 2 units of SKU-Q; TOP-C was never confirmed")
                .containsExactly("TOP-A=3", "SKU-Q=2", "TOP-B=1");

        HttpResponse<String> first = send(b, "/products/top?window=15m", null);
        HttpResponse<String> second = send(a, "/products/top?window=15m", null);
        assertThat(first.headers().firstValue("X-Cache")).contains("miss");
        assertThat(second.headers().firstValue("X-Cache")).as("the other instance answers from Redis").contains("hit");
        assertThat(second.body()).isEqualTo(first.body());
        try (RedisClient redis = RedisClient.create(stack.redisUrl())) {
            assertThat(redis.ttl("query:top-sellers")).isPositive();
        }

        changed(place(customer, "TOP-B", 5), customer, OrderStatus.PLACED, OrderStatus.CONFIRMED);
        await("a new sale drops the cached list before its TTL").atMost(Duration.ofSeconds(8))
                .until(() -> JSON.readTree(send(a, "/products/top?window=15m", null).body()).path("items").get(0).path("sku").asText(),
                        "TOP-B"::equals);
        assertThat(send(a, "/products/top?window=7m", null).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void whenTheOwnerCannotAnswerTheStandbyDoesAndSaysHowStaleItIs() throws Exception {
        String customer = UUID.randomUUID().toString();
        String id = null;
        for (int i = 0; id == null || owner(id).port() != a.grpcPort(); i++) {
            id = place(customer, 10 + i);
        }
        String ownedByA = id;
        assertThat(get(b, "/orders/" + ownedByA + "?waitFor=PLACED&timeout=20s", customer).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> metadata(ownedByA).standbyHosts().stream().anyMatch(h -> h.port() == b.grpcPort()));

        a.grpc().close(); // instance A stays in the group but can no longer be asked
        HttpResponse<String> fromStandby = await().atMost(Duration.ofSeconds(30))
                .until(() -> get(b, "/orders/" + ownedByA, customer), r -> r.statusCode() == 200);
        assertThat(fromStandby.headers().firstValue("X-Served-By")).contains("standby");
        assertThat(fromStandby.headers().firstValue("X-Staleness-Offsets")).isPresent();
        assertThat(JSON.readTree(fromStandby.body()).path("order_id").asText()).isEqualTo(ownedByA);
    }

    private String place(String customer, long total) throws Exception {
        return place(customer, "SKU-Q", 1, total);
    }

    private String place(String customer, String sku, int quantity) throws Exception {
        return place(customer, sku, quantity, 100L * quantity);
    }

    private String place(String customer, String sku, int quantity, long total) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customer).setLines(List.of(new OrderLine(1, sku, quantity, total / quantity)))
                .setTotalMinor(total).setCurrency("EUR").setPlacedAt(now).build();
        orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), id, event(id, customer, placed, now))).get();
        return id;
    }

    private void changed(String id, String customer, OrderStatus from, OrderStatus to) throws Exception {
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to).setReasonCode(null)
                .setReason(null).build();
        orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), id, event(id, customer, changed, Instant.now()))).get();
    }

    private static OrderEvent event(String id, String customer, Object payload, Instant at) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setOrderId(id).setCorrelationId(id)
                .setCustomerId(customer).setPayload(payload).build();
    }

    private KeyQueryMetadata metadata(String orderId) {
        KafkaStreams streams = b.streams().streams();
        return streams.queryMetadataForKey(QueryTopology.ORDERS_STORE, orderId, Serdes.String().serializer());
    }

    private HostInfo owner(String orderId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> metadata(orderId).activeHost(), h -> h != null && h.port() > 0);
    }

    private HttpResponse<String> get(QueryApiApp.Running instance, String path, String customer) throws Exception {
        return send(instance, path, tokens.issue(new Caller(customer, Role.CUSTOMER)).token());
    }

    private HttpResponse<String> send(QueryApiApp.Running instance, String path, String token) throws Exception {
        return request(instance, path, token).get();
    }

    private CompletableFuture<HttpResponse<String>> getAsync(QueryApiApp.Running instance, String path, String customer) {
        return request(instance, path, tokens.issue(new Caller(customer, Role.CUSTOMER)).token());
    }

    private CompletableFuture<HttpResponse<String>> request(QueryApiApp.Running instance, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(40)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static QueryApiConfig config(StackAddresses stack, Path state) {
        StreamsAppConfig streams = StreamsAppConfigs.forTest(QueryApiConfig.APPLICATION_ID).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(state).standbyReplicas(1).build();
        return new QueryApiConfig(streams, 0, 0, "127.0.0.1", SECRET, PEER_SECRET, stack.redisUrl());
    }
}

package org.commercecore.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackCredentials;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.junit.EventLog;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.junit.SagaState;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.localstack.parts.KafkaBroker;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounded fault matrix, as Kafka's own Streams exactly-once system test does it for one app,
 * here for the whole system: a steady order load through the gateway, and one process at a time
 * killed with SIGKILL and restarted on its data (each Streams app, the command API, a query
 * instance, the gateway, one of three Kafka brokers). Then the load stops, the saga drains, and
 * every invariant is checked from the topics, PostgreSQL and the APIs: every order answered 202
 * exists and ends once, no event twice, stock and money conserved, no dead letter, no request hung.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixIT {
    private static final int ORDERS_PER_SECOND = 8;
    private static final int CUSTOMERS = 8;
    /** Stock enough for every order, but one SKU runs out: rejections and their releases are part of the run. */
    private static final Map<String, Integer> STOCK = Map.of("FM-1", 100_000, "FM-2", 100_000, "FM-3", 100_000, "FM-LOW", 40);
    private static final Duration BEFORE_FAULT = Duration.ofSeconds(8);
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final List<String> APPS_KILLED = List.of("commerce-orders", "commerce-inventory", "commerce-payments",
            "commerce-customers", "commerce-notifications", LocalStack.COMMAND_API, "query-api-1", LocalStack.GATEWAY);

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private URI api;

    @BeforeAll
    void start() {
        Path home = StackSettings.findHome();
        StackSettings settings = StackSettings.embedded(home, Path.of("target", "fault-matrix").toAbsolutePath(), FreePorts.block(6),
                        FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one())
                .withBrokers(3)
                .withApps(FreePorts.block(LocalStack.APPS.size()), FreePorts.one(), 2);
        stack = new LocalStack(settings).startWith(LocalStack.defaultTopics());
        System.out.printf("fault matrix: stack with every app up in %.1f s:%n%s", stack.startupTime().toMillis() / 1000.0,
                stack.describe());
        api = stack.gatewayUrl().orElseThrow().resolve("/api/v1/");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nothingIsLostOrDoneTwiceWhenAnyProcessIsKilledUnderLoad() throws Exception {
        String admin = await().atMost(Duration.ofSeconds(60)).until(() -> login(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL.devDefault()
                .orElseThrow(), stack.credentials().value(StackCredentials.ADMIN_PASSWORD).orElseThrow()), t -> t != null);
        for (var sku : STOCK.entrySet()) {
            assertThat(send("PUT", "products/" + sku.getKey(), "{\"name\":\"" + sku.getKey()
                    + "\",\"price_minor\":100,\"currency\":\"EUR\",\"low_stock_threshold\":5}", admin)).isIn(200, 201);
            assertThat(send("POST", "products/" + sku.getKey() + "/stock-adjustments", "{\"quantity_delta\":" + sku.getValue()
                    + ",\"reason\":\"INITIAL\"}", admin)).isIn(201, 202);
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String email = "fm-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            assertThat(send("POST", "users", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"display_name\":\"F\"}",
                    null)).isEqualTo(201);
            customers.add(login(email, "correct horse battery"));
        }

        Map<String, Duration> recovery = new LinkedHashMap<>();
        OrderLoad load = new OrderLoad(api, customers, List.copyOf(STOCK.keySet()));
        try (load) {
            load.start(ORDERS_PER_SECOND);
            Thread.sleep(BEFORE_FAULT.toMillis());
            for (String name : APPS_KILLED) {
                AppProcess app = stack.app(name);
                long began = System.nanoTime();
                app.kill();
                Thread.sleep(DOWN.toMillis());
                stack.restart(app);
                recovery.put(name, Duration.ofNanos(System.nanoTime() - began));
                Thread.sleep(BEFORE_FAULT.toMillis());
            }
            KafkaBroker broker = stack.kafkaCluster().orElseThrow().brokers().get(1);
            long began = System.nanoTime();
            broker.kill();
            Thread.sleep(BEFORE_FAULT.toMillis()); // the system runs on two of three brokers
            stack.restart(broker);
            recovery.put(broker.name(), Duration.ofNanos(System.nanoTime() - began));
            Thread.sleep(BEFORE_FAULT.toMillis());
        }
        Map<String, String> accepted = load.accepted();
        System.out.printf("fault matrix: %d orders sent, %d accepted, %d retries, %d hung, %d failures; down until ready again: %s%n",
                load.sent(), accepted.size(), load.retries(), load.hung(), load.failures().size(), recovery);

        assertThat(load.failures()).as("every order is answered 202 in the end, with its retries").isEmpty();
        assertThat(load.hung()).as("requests that got no answer within %s", OrderLoad.REQUEST_TIMEOUT).isZero();
        Set<String> orderIds = new HashSet<>(accepted.values());
        assertThat(orderIds).as("one order per idempotency key").hasSameSizeAs(accepted.keySet());
        assertThat(ordersInPostgres()).as("every order answered 202 is in PostgreSQL, and no other").containsExactlyInAnyOrderElementsOf(orderIds);

        EventLog log = new EventLog(stack.addresses().kafkaBootstrapServers(), AvroSerdes.forRegistry(stack.addresses().registryUrl()));
        SagaState end = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(3)).until(() -> fold(log),
                s -> s.placed.keySet().containsAll(orderIds) && s.ordersNotSettled().isEmpty());
        Map<OrderStatus, Long> byStatus = new HashMap<>();
        orderIds.forEach(id -> byStatus.merge(end.status.get(id), 1L, Long::sum));
        System.out.printf("fault matrix: outcomes %s%n", byStatus);
        assertThat(end.placed.keySet()).as("no order the clients were not answered for").containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(end.transitionErrors).isEmpty();
        assertThat(end.duplicateEvents()).isEmpty();
        assertThat(end.stockViolations(STOCK)).isEmpty();
        assertThat(end.paymentViolations()).isEmpty();
        assertThat(deadLetters(log)).as("dead letters").isEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(projectedStatuses(orderIds))
                .as("the JDBC projection holds each order's last status").isEqualTo(statuses(end, orderIds)));
    }

    private static SagaState fold(EventLog log) {
        return SagaState.fold(log.readAll(Topics.ORDER_EVENTS), log.readAll(Topics.INVENTORY_EVENTS), log.readAll(Topics.PAYMENT_EVENTS));
    }

    /** Every record on a dead-letter topic, by topic: no fault in this matrix should cause one. */
    private static Map<String, Integer> deadLetters(EventLog log) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (Topic<?, ?> topic : LocalStack.defaultTopics()) {
            if (topic.name().endsWith("dead-letter")) {
                int records = log.readAll(topic).size();
                if (records > 0) {
                    found.put(topic.name(), records);
                }
            }
        }
        return found;
    }

    private static Map<String, String> statuses(SagaState state, Set<String> orderIds) {
        Map<String, String> out = new HashMap<>();
        orderIds.forEach(id -> out.put(id, state.status.get(id).name()));
        return out;
    }

    private Set<String> ordersInPostgres() throws Exception {
        Set<String> found = new HashSet<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT id FROM orders")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private Map<String, String> projectedStatuses(Set<String> orderIds) throws Exception {
        Map<String, String> found = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT order_id, status FROM projections.order_status")) {
            while (rs.next()) {
                if (orderIds.contains(rs.getString(1))) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    private Connection connect() throws Exception {
        var at = stack.addresses();
        return DriverManager.getConnection(at.postgresJdbcUrl(), at.postgresUser(), at.postgresPassword());
    }

    private String login(String email, String password) throws Exception {
        HttpResponse<String> response = request("POST", "auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        if (response.statusCode() != 200) {
            return null;
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    private int send(String method, String path, String body, String token) throws Exception {
        return request(method, path, body, token).statusCode();
    }

    private HttpResponse<String> request(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.commercecore.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commercecore.command.CommandApiApp;
import org.commercecore.command.CommandApiConfig;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.demo.ApiClient;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.query.QueryApiApp;
import org.commercecore.query.QueryApiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client's whole journey over HTTP on the real stack: the command API writes PostgreSQL, Debezium
 * carries the rows, the saga decides, and the query API answers, waiting for the client's own
 * writes. Nothing is reached around the APIs.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientJourneyIT {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    /** Signs the instances' calls to each other; not the access tokens' secret. */
    static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    private static final String ADMIN = "journey-admin@example.org";
    private static final String ADMIN_PASSWORD = "journey admin password";
    private static final String PASSWORD = "correct horse battery";

    private DomainApps apps;
    private CommandApiApp.Running commandApi;
    private QueryApiApp.Running queryApi;
    private ApiClient command;
    private ApiClient query;

    @BeforeAll
    void start(StackAddresses stack) throws Exception {
        apps = DomainApps.start(stack);
        commandApi = CommandApiApp.start(new CommandApiConfig(0, stack.postgresJdbcUrl(), stack.postgresUser(),
                stack.postgresPassword(), stack.redisUrl(), SECRET, Duration.ofMinutes(15), Duration.ofDays(1), ADMIN, ADMIN_PASSWORD, "127.0.0.1", stack.amqp()));
        StreamsAppConfig views = StreamsAppConfigs.forTest(QueryApiConfig.APPLICATION_ID).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(Files.createTempDirectory("journey-query")).build();
        queryApi = QueryApiApp.start(new QueryApiConfig(views, 0, 0, "127.0.0.1", SECRET, PEER_SECRET, stack.redisUrl()));
        assertThat(queryApi.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
        command = new ApiClient(URI.create("http://127.0.0.1:" + commandApi.port()));
        query = new ApiClient(URI.create("http://127.0.0.1:" + queryApi.port()));
    }

    @AfterAll
    void stop() {
        if (queryApi != null) {
            queryApi.close();
        }
        if (commandApi != null) {
            commandApi.close();
        }
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void registerOrderWaitForConfirmationCancelAndReadTheTimeline() {
        String admin = login(ADMIN, ADMIN_PASSWORD);
        ApiClient.expect(command.send("PUT", "/products/JOURNEY-KETTLE", Map.of("name", "Kettle", "price_minor", 2490, "currency", "EUR"),
                admin, Map.of()), "product", 200, 201);
        ApiClient.expect(command.post("/products/JOURNEY-KETTLE/stock-adjustments", Map.of("quantity_delta", 5, "reason", "INITIAL"),
                admin), "stock", 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> query.get("/products/JOURNEY-KETTLE", null).body().path("available").asLong() == 5);

        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        ApiClient.expect(command.post("/users", Map.of("email", email, "password", PASSWORD), null), "register", 201);
        String customer = login(email, PASSWORD);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = Map.of("lines", List.of(Map.of("sku", "JOURNEY-KETTLE", "quantity", 2)));
        String orderId = ApiClient.expect(command.send("POST", "/orders", order, customer, Map.of("Idempotency-Key", key)), "place", 202)
                .path("order_id").asText();
        assertThat(command.send("POST", "/orders", order, customer, Map.of("Idempotency-Key", key)).body().path("order_id").asText())
                .as("a retry returns the same order").isEqualTo(orderId);

        ApiClient.Reply confirmed = query.get("/orders/" + orderId + "?waitFor=CONFIRMED&timeout=30s", customer);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.header("X-Wait")).isEqualTo("reached");
        assertThat(confirmed.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().path("total_minor").asLong()).isEqualTo(4980);

        String stranger = login(registered(), PASSWORD);
        assertThat(query.get("/orders/" + orderId, stranger).status()).as("another customer cannot read it").isEqualTo(404);
        assertThat(command.post("/orders/" + orderId + "/cancel", null, stranger).status()).as("nor cancel it").isEqualTo(404);

        ApiClient.expect(command.post("/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"), customer), "cancel", 202);
        ApiClient.Reply cancelled = query.get("/orders/" + orderId + "?waitFor=CANCELLED&timeout=30s", customer);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");

        List<String> timeline = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            timeline.clear();
            query.get("/orders/" + orderId + "/timeline", customer).body().path("events")
                    .forEach(e -> timeline.add(e.path("type").asText() + (e.path("detail").isNull() ? "" : " " + e.path("detail").asText())));
            assertThat(timeline).contains("OrderPlaced", "StockReserved sku JOURNEY-KETTLE", "PaymentAuthorized",
                    "OrderStatusChanged PLACED -> CONFIRMED", "OrderStatusChanged CONFIRMED -> CANCELLED: cancelled on request",
                    "StockReleased sku JOURNEY-KETTLE",
                    "PaymentVoided");
        });
        assertThat(timeline.get(0)).isEqualTo("OrderPlaced");
        JsonNode mine = query.get("/users/me/orders", customer).body();
        assertThat(mine.path("items").get(0).path("order_id").asText()).isEqualTo(orderId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> query.get("/products/JOURNEY-KETTLE", null).body().path("available").asLong() == 5);
    }

    private String registered() {
        String email = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        ApiClient.expect(command.post("/users", Map.of("email", email, "password", PASSWORD), null), "register", 201);
        return email;
    }

    private String login(String email, String password) {
        return ApiClient.expect(command.post("/auth/login", Map.of("email", email, "password", password), null), "login", 200)
                .path("access_token").asText();
    }
}

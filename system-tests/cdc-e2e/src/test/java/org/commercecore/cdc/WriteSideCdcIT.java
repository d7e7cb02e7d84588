package org.commercecore.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.commercecore.connectors.ConnectClient;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.EventLog;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.orders.OrdersApp;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The write side end to end on real parts: rows inserted into PostgreSQL, streamed by the stack's
 * Debezium source (connectors/config, applied by the stack) through a real Connect worker, turned
 * into domain events by the intake topologies, decided by the saga, and projected back into
 * PostgreSQL by the JDBC sink.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteSideCdcIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SOURCE = "commerce-postgres-source";

    private DomainApps apps;
    private AvroSerdes serdes;
    private EventLog log;

    @BeforeAll
    void startApps(StackAddresses stack) throws Exception {
        serdes = AvroSerdes.forRegistry(stack.registryUrl());
        log = new EventLog(stack.kafkaBootstrapServers(), serdes);
        apps = DomainApps.start(stack);
    }

    @AfterAll
    void stopApps() {
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void anOrderInsertedWithItsLinesBecomesOneOrderPlacedWithThoseLinesAndTotal(StackAddresses stack) throws Exception {
        try (WriteSide db = new WriteSide(stack)) {
            String customer = db.user("lines@example.org", "Lines");
            db.product("LINES-A", 2490, 10);
            db.product("LINES-B", 900, 10);
            Map<String, Integer> lines = new LinkedHashMap<>();
            lines.put("LINES-A", 2);
            lines.put("LINES-B", 3);
            String order = db.order(customer, 700, lines);

            List<OrderPlaced> placed = await().atMost(WAIT).until(() -> placedOf(Set.of(order)).getOrDefault(order, List.of()),
                    p -> !p.isEmpty());
            assertThat(placed).hasSize(1);
            assertThat(placed.get(0).getCustomerId()).isEqualTo(customer);
            assertThat(placed.get(0).getTotalMinor()).isEqualTo(3500);
            assertThat(placed.get(0).getCurrency()).isEqualTo("EUR");
            assertThat(placed.get(0).getLines()).containsExactly(new OrderLine(1, "LINES-A", 2, 700L), new OrderLine(2, "LINES-B", 3, 700L));
        }
    }

    @Test
    void theSinkTableShowsTheFinalStatusOfOrdersDrivenThroughTheSaga(StackAddresses stack) throws Exception {
        try (WriteSide db = new WriteSide(stack)) {
            String customer = db.user("sink@example.org", null);
            db.product("SINK-A", 1000, 5);
            String shipped = db.order(customer, 1000, Map.of("SINK-A", 1));
            String cancelled = db.order(customer, 1000, Map.of("SINK-A", 1));
            String confirmed = db.order(customer, 1000, Map.of("SINK-A", 1));
            String rejected = db.order(customer, 1000, Map.of("SINK-A", 50)); // more than is in stock

            await().atMost(WAIT).until(() -> db.projectedStatuses().get(confirmed), "CONFIRMED"::equals);
            await().atMost(WAIT).until(() -> db.projectedStatuses().get(shipped), "CONFIRMED"::equals);
            await().atMost(WAIT).until(() -> db.projectedStatuses().get(cancelled), "CONFIRMED"::equals);
            db.command(shipped, "SHIP");
            db.command(cancelled, "CANCEL");

            Map<String, String> expected = Map.of(shipped, "SHIPPED", cancelled, "CANCELLED", confirmed, "CONFIRMED",
                    rejected, "REJECTED");
            await().atMost(WAIT).untilAsserted(() -> assertThat(db.projectedStatuses()).containsAllEntriesOf(expected));
            assertThat(db.number("SELECT total_minor FROM projections.order_status WHERE order_id = '" + rejected + "'"))
                    .isEqualTo(50_000);

            // only this test ships and cancels; every placed order is counted once, on some day
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(db.number("SELECT sum(shipped_count) FROM projections.daily_order_totals")).isEqualTo(1);
                assertThat(db.number("SELECT sum(shipped_minor) FROM projections.daily_order_totals")).isEqualTo(1000);
                assertThat(db.number("SELECT sum(cancelled_count) FROM projections.daily_order_totals")).isEqualTo(1);
                assertThat(db.number("SELECT sum(placed_count) FROM projections.daily_order_totals"))
                        .isEqualTo(db.number("SELECT count(*) FROM projections.order_status"));
            });
        }
    }

    @Test
    void aUserUpdateChangesTheCustomerAndADeleteLeavesATombstone(StackAddresses stack) throws Exception {
        try (WriteSide db = new WriteSide(stack)) {
            String user = db.user("grace@example.org", "Grace");
            db.rename(user, "Grace Hopper");
            await().atMost(WAIT).until(() -> latestCustomer(user), c -> c != null && "Grace Hopper".equals(c.getDisplayName()));
            db.deleteUser(user);

            List<ConsumerRecord<String, Customer>> versions = await().atMost(WAIT).until(() -> customerVersions(user),
                    v -> !v.isEmpty() && v.get(v.size() - 1).value() == null);
            assertThat(versions).extracting(r -> r.value() == null ? null : r.value().getDisplayName())
                    .containsExactly("Grace", "Grace Hopper", null);
            assertThat(versions.get(0).value().getEmail()).isEqualTo("grace@example.org");
        }
    }

    @Test
    void aMalformedRowIsDeadLetteredWithItsReasonAndTheNextRowStillGoesThrough(StackAddresses stack) throws Exception {
        try (WriteSide db = new WriteSide(stack)) {
            String customer = db.user("malformed@example.org", null);
            String broken = db.orderWithLines(customer, "[{\"line_no\": 1, \"sku\": \"X-1\", \"unit_price_minor\": 100}]", 100);
            String fine = db.order(customer, 100, Map.of("MALFORMED-OK", 1));

            DeadLetter letter = await().atMost(WAIT).until(() -> log.readAll(OrdersApp.DEAD_LETTERS).stream()
                    .map(ConsumerRecord::value).filter(d -> d.getErrorMessage().contains(broken)).findFirst().orElse(null),
                    d -> d != null);
            assertThat(letter.getOriginalTopic()).isEqualTo(Topics.CDC_ORDERS.name());
            assertThat(letter.getErrorMessage()).endsWith("orders row " + broken + ": lines[0].quantity is missing, not an integer");
            assertThat(letter.getValue().remaining()).as("the original record is kept").isPositive();
            await().atMost(WAIT).until(() -> placedOf(Set.of(fine)).containsKey(fine));
            assertThat(placedOf(Set.of(broken))).isEmpty();
        }
    }

    @Test
    void aConnectWorkerRestartMidStreamAndAFullResnapshotLoseNoOrderAndPlaceNoneTwice(LocalStack localStack) throws Exception {
        StackAddresses stack = localStack.addresses();
        List<String> orders = new CopyOnWriteArrayList<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (WriteSide db = new WriteSide(stack); WriteSide writes = new WriteSide(stack)) {
            String customer = db.user("restart@example.org", null);
            // a steady stream of orders, 40 a second, before, during and after the restart
            load.scheduleAtFixedRate(() -> {
                try {
                    orders.add(writes.order(customer, 100, Map.of("RESTART-" + (orders.size() % 5), 1)));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 25, TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> orders.size() >= 40);
            localStack.restartConnect(); // orders keep being committed while the worker is down
            int afterRestart = orders.size();
            await().atMost(WAIT).until(() -> orders.size() >= afterRestart + 40);
            load.shutdown();
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            Set<String> ids = Set.copyOf(orders);
            Map<String, List<OrderPlaced>> placed = await().atMost(WAIT).until(() -> placedOf(ids), p -> p.size() == ids.size());
            assertThat(placed.values()).as("one OrderPlaced per order across the restart").allSatisfy(p -> assertThat(p).hasSize(1));

            // the connector forgets where it was: Debezium snapshots every row again and the intake sees each twice
            long changesBefore = log.readAll(Topics.CDC_ORDERS).size();
            ConnectClient connect = stack.connectClient(); // logged in: the stack's Connect REST API requires it
            connect.stop(SOURCE);
            await().atMost(WAIT).until(() -> connect.status(SOURCE).path("connector").path("state").asText().equals("STOPPED"));
            connect.resetOffsets(SOURCE);
            connect.resume(SOURCE);
            await().atMost(WAIT).until(() -> log.readAll(Topics.CDC_ORDERS).size() >= changesBefore + ids.size());
            await().atMost(WAIT).until(() -> caughtUp(stack, OrdersApp.APPLICATION_ID, Topics.CDC_ORDERS.name()));

            Map<String, List<OrderPlaced>> after = placedOf(ids);
            assertThat(after).hasSize(ids.size());
            assertThat(after.values()).as("the re-sent rows placed nothing again").allSatisfy(p -> assertThat(p).hasSize(1));
            System.out.printf("connect restart and re-snapshot: %d orders, each placed once; %d change events on %s%n",
                    ids.size(), log.readAll(Topics.CDC_ORDERS).size(), Topics.CDC_ORDERS.name());
        } finally {
            load.shutdownNow();
        }
    }

    /** The application has committed its consumption of every partition of the topic up to its end. */
    private static boolean caughtUp(StackAddresses stack, String applicationId, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.CDC_ORDERS.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                    && committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }

    @Test
    void reportsTheCdcLagFromCommitToOrderPlacedForABatchOfOrders(StackAddresses stack) throws Exception {
        int count = 500;
        try (WriteSide db = new WriteSide(stack); PlacedArrivals arrivals = new PlacedArrivals(stack.kafkaBootstrapServers(), serdes)) {
            String customer = db.user("lag@example.org", null);
            List<String> orders = new ArrayList<>();
            long began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                orders.add(db.order(customer, 100, Map.of("LAG-" + (i % 10), 1)));
            }
            double insertSeconds = (System.nanoTime() - began) / 1e9;
            await().atMost(WAIT).until(() -> arrivals.lagMillis.keySet().containsAll(orders));
            double allSeconds = (System.nanoTime() - began) / 1e9;

            List<Long> lags = orders.stream().map(arrivals.lagMillis::get).sorted().toList();
            System.out.printf("CDC lag, PostgreSQL commit to OrderPlaced visible (read_committed) on orders.events.v1, %d orders"
                            + " inserted one per transaction in %.1f s (%.0f/s), all placed after %.1f s: p50 %d ms, p95 %d ms,"
                            + " p99 %d ms, max %d ms%n", count, insertSeconds, count / insertSeconds, allSeconds,
                    percentile(lags, 50), percentile(lags, 95), percentile(lags, 99), lags.get(lags.size() - 1));
            assertThat(placedOf(Set.copyOf(orders)).values()).allSatisfy(p -> assertThat(p).hasSize(1));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Every OrderPlaced on orders.events.v1 for these orders, by order id. */
    private Map<String, List<OrderPlaced>> placedOf(Collection<String> orderIds) {
        Map<String, List<OrderPlaced>> placed = new HashMap<>();
        for (ConsumerRecord<String, OrderEvent> r : log.readAll(Topics.ORDER_EVENTS)) {
            if (orderIds.contains(r.key()) && r.value().getPayload() instanceof OrderPlaced p) {
                placed.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(p);
            }
        }
        return placed;
    }

    private List<ConsumerRecord<String, Customer>> customerVersions(String customerId) {
        return log.readAll(Topics.CUSTOMERS).stream().filter(r -> customerId.equals(r.key())).collect(Collectors.toList());
    }

    private Customer latestCustomer(String customerId) {
        List<ConsumerRecord<String, Customer>> versions = customerVersions(customerId);
        return versions.isEmpty() ? null : versions.get(versions.size() - 1).value();
    }
}

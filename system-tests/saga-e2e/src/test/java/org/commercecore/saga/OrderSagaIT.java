package org.commercecore.saga;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.commercecore.inventory.InventoryApp;
import org.commercecore.inventory.InventoryTopology;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.EventLog;
import org.commercecore.localstack.junit.SagaState;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.orders.FraudLimits;
import org.commercecore.orders.OrdersApp;
import org.commercecore.orders.OrdersTopology;
import org.commercecore.payments.PaymentsApp;
import org.commercecore.payments.PaymentsTopology;
import org.commercecore.payments.ProviderCalls;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order saga end to end on the real stack: orders, payments and two inventory instances (one
 * in its own JVM, killed with SIGKILL halfway through), a thousand orders with stock-outs,
 * declines, fraud, cancels and ships, and the invariants checked from the event log.
 */
@ExtendWith(LocalStackExtension.class)
class OrderSagaIT {
    private static final int ORDERS = 1000;
    private static final Duration SETTLE = Duration.ofSeconds(240);

    @Test
    void aThousandOrdersKeepEveryInvariantThroughAKilledInstance(StackAddresses stack) throws Exception {
        long began = System.nanoTime();
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        Path state = Files.createTempDirectory("saga-e2e-state");
        SimulatedPaymentProvider provider = new SimulatedPaymentProvider(
                new SimulatedPaymentProvider.Rules(12_000, "declined-", Duration.ofMillis(2), 0.10));
        Map<String, Integer> stocked = new HashMap<>();
        Map<String, OrderStatus> expected = new HashMap<>();

        List<StreamsRunner> runners = new ArrayList<>();
        Process secondInventory = null;
        ProviderCalls calls = new ProviderCalls(provider, 8);
        try {
            var orders = start(runners, stack, OrdersApp.APPLICATION_ID, state.resolve("orders"),
                    // a deadline the kill never reaches: each order's expected outcome is its replies'
                    OrdersTopology.build(serdes, new FraudLimits(30_000, Duration.ofHours(1)), Duration.ofMinutes(10),
                            new SimpleMeterRegistry()));
            start(runners, stack, PaymentsApp.APPLICATION_ID, state.resolve("payments"), PaymentsTopology.build(serdes, calls, new SimpleMeterRegistry()));
            var inventory = start(runners, stack, InventoryApp.APPLICATION_ID, state.resolve("inventory-a"),
                    InventoryTopology.build(serdes, new SimpleMeterRegistry()));
            secondInventory = launchInventory(stack, state.resolve("inventory-b"));
            for (StreamsRunner runner : runners) {
                assertThat(runner.awaitRunning(Duration.ofSeconds(120))).as(runner.applicationId()).isTrue();
            }

            var adjustments = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers()), new StringSerializer(), Topics.STOCK_ADJUSTMENTS.valueSerde(serdes).serializer());
            var placed = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                    Topics.ORDER_EVENTS.valueSerde(serdes).serializer());
            var commands = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers()), new StringSerializer(), Topics.ORDER_COMMANDS.valueSerde(serdes).serializer());
            try (adjustments; placed; commands) {
                for (int i = 0; i < Workload.SKUS; i++) {
                    String sku = Workload.sku(i);
                    adjustments.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), sku, Workload.adjustment(sku,
                            Workload.INITIAL_STOCK, AdjustmentReason.INITIAL, Workload.LOW_STOCK_THRESHOLD))).get();
                    stocked.put(sku, Workload.INITIAL_STOCK);
                }
                Workload workload = new Workload();
                for (int n = 0; n < ORDERS; n++) {
                    var event = workload.order(n);
                    placed.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), event.getOrderId(), event));
                    if (n == ORDERS / 2) {
                        placed.flush();
                        for (int i = 0; i < 5; i++) { // a restock while orders flow
                            adjustments.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), Workload.sku(i),
                                    Workload.adjustment(Workload.sku(i), 10, AdjustmentReason.RESTOCK, null))).get();
                            stocked.merge(Workload.sku(i), 10, Integer::sum);
                        }
                        secondInventory.destroyForcibly(); // SIGKILL: no clean shutdown, transactions left open
                        assertThat(secondInventory.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    }
                }
                placed.flush();

                EventLog log = new EventLog(stack.kafkaBootstrapServers(), serdes);
                SagaState decided = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(
                        () -> fold(log, stocked), s -> s.placed.size() == ORDERS && s.ordersNotSettled().isEmpty());

                // ship or cancel some confirmed orders; ask for some illegal transitions too
                int i = 0;
                for (var entry : decided.status.entrySet()) {
                    String id = entry.getKey();
                    if (entry.getValue() == OrderStatus.CONFIRMED) {
                        switch (i++ % 5) {
                            case 0 -> {
                                commands.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), id,
                                        Workload.command(id, OrderCommandKind.CANCEL)));
                                expected.put(id, OrderStatus.CANCELLED);
                            }
                            case 1, 2 -> {
                                expected.put(id, OrderStatus.SHIPPED);
                                commands.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), id,
                                        Workload.command(id, OrderCommandKind.SHIP)));
                                commands.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), id,
                                        Workload.command(id, OrderCommandKind.CANCEL))); // cancel a shipped order: refused
                            }
                            default -> expected.put(id, OrderStatus.CONFIRMED);
                        }
                    } else {
                        expected.put(id, entry.getValue());
                    }
                    if (entry.getValue() == OrderStatus.REJECTED && id.hashCode() % 7 == 0) {
                        commands.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), id,
                                Workload.command(id, OrderCommandKind.SHIP))); // ship a rejected order: refused
                    }
                }
                commands.flush();
            }

            EventLog log = new EventLog(stack.kafkaBootstrapServers(), serdes);
            // settled: every command has taken effect (so no check passes on a state from before them), then the invariants
            SagaState end = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> fold(log, stocked),
                    s -> s.status.equals(expected) && s.stockViolations(stocked).isEmpty() && s.paymentViolations().isEmpty());

            Map<OrderStatus, Long> byStatus = new HashMap<>();
            end.status.values().forEach(st -> byStatus.merge(st, 1L, Long::sum));
            System.out.printf("order saga e2e: %d orders in %.1f s; final %s; %d refusals recorded; provider: %d calls, %d operations"
                            + " executed, %d idempotency keys seen%n", end.placed.size(), (System.nanoTime() - began) / 1e9, byStatus,
                    end.refusals, provider.calls(), provider.executed().size(), end.paymentKeys.size());

            assertThat(end.placed).hasSize(ORDERS);
            assertThat(end.ordersNotSettled()).isEmpty();
            assertThat(end.transitionErrors).isEmpty();
            assertThat(end.duplicateEvents()).isEmpty();
            assertThat(end.stockViolations(stocked)).isEmpty();
            assertThat(end.paymentViolations()).isEmpty();
            assertThat(provider.forgotten()).as("no idempotency key forgotten, so executed() is every operation").isZero();
            assertThat(provider.executed().keySet()).as("every executed operation appears once as a payment event, and vice versa")
                    .isEqualTo(end.paymentKeys);
            assertThat(byStatus).containsKeys(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.SHIPPED, OrderStatus.CANCELLED);
            assertThat(end.refusals).isPositive();
            assertThat(inventory.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(orders.state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            if (secondInventory != null) {
                secondInventory.destroyForcibly();
            }
            runners.forEach(StreamsRunner::close);
            calls.close(); // after the runners: a payments task still running must not find its executor gone
        }
    }

    private static SagaState fold(EventLog log, Map<String, Integer> stocked) {
        return SagaState.fold(log.readAll(Topics.ORDER_EVENTS), log.readAll(Topics.INVENTORY_EVENTS),
                log.readAll(Topics.PAYMENT_EVENTS));
    }

    private static StreamsRunner start(List<StreamsRunner> runners, StackAddresses stack, String applicationId, Path stateDir,
                                       org.apache.kafka.streams.Topology topology) {
        StreamsAppConfig config = StreamsAppConfigs.forTest(applicationId).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(stateDir).build();
        StreamsRunner runner = new StreamsRunner(config, topology).start();
        runners.add(runner);
        return runner;
    }

    /** The second inventory instance: the real main(), in a JVM of its own, so it can be killed for real. */
    private static Process launchInventory(StackAddresses stack, Path stateDir) throws Exception {
        Path log = stateDir.resolveSibling("inventory-b.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), InventoryApp.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("COMMERCE_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        builder.environment().put("COMMERCE_REGISTRY_URL", stack.registryUrl().toString());
        builder.environment().put("COMMERCE_STATE_DIR", stateDir.toString());
        builder.environment().put("COMMERCE_HTTP_PORT", "0");
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> !process.isAlive()
                || (Files.exists(log) && Files.readString(log).contains("-> RUNNING")));
        assertThat(process.isAlive()).as("second inventory instance running; its log: %s", log).isTrue();
        return process;
    }
}

package org.commercecore.orders;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fraud check's window in the orders topology, with stream time advanced by the orders themselves. */
class FraudWindowTopologyTest {
    private static final FraudLimits FRAUD = new FraudLimits(10_000, Duration.ofHours(1));
    private static final String VERDICTS = OrdersApp.APPLICATION_ID + "-fraud-verdicts-repartition";

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> orders;
    private TestOutputTopic<String, FraudVerdict> verdicts;
    private KeyValueStore<String, CustomerSpend> spend;
    private Instant clock = Instant.parse("2026-11-24T10:00:00Z");

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state, serdes -> OrdersTopology.build(serdes, FRAUD, Duration.ofSeconds(30),
                new SimpleMeterRegistry()));
        orders = topology.input(Topics.ORDER_EVENTS);
        verdicts = topology.driver().createOutputTopic(VERDICTS, Serdes.String().deserializer(),
                InternalSerdes.avro(FraudVerdict.class).deserializer());
        spend = topology.driver().getKeyValueStore(OrdersTopology.FRAUD_STORE);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void spendStopsCountingOnceTheWindowAndOneBucketHavePassed() {
        place("o-1", "c-1", 6_000);
        clock = clock.plus(FRAUD.window()).minusSeconds(1);
        place("o-2", "c-1", 6_000); // within the window: 12,000
        clock = clock.plus(FRAUD.window()).plus(SpendWindow.bucketWidth(FRAUD));
        place("o-3", "c-1", 6_000); // o-1 and o-2 have left the window

        assertThat(verdicts.readValuesToList()).extracting(v -> v.getOrderId() + ":" + v.getPassed())
                .containsExactly("o-1:true", "o-2:false", "o-3:true");
    }

    @Test
    void anOrderPlacedSeenAgainGetsNoSecondVerdictAndIsNotCountedTwice() {
        OrderEvent first = placed("o-1", "c-1", 6_000);
        orders.pipeInput("o-1", first, clock);
        orders.pipeInput("o-1", first, tick()); // redelivered
        place("o-2", "c-1", 4_000); // 10,000: at the limit, not over

        assertThat(verdicts.readValuesToList()).extracting(v -> v.getOrderId() + ":" + v.getPassed())
                .containsExactly("o-1:true", "o-2:true");
    }

    @Test
    void aCustomerWhoStopsOrderingIsRemovedOnceTwoWindowsHavePassedInStreamTime() {
        place("o-1", "c-1", 100);
        place("o-2", "c-2", 100);
        clock = clock.plus(FRAUD.window());
        place("o-3", "c-2", 100);
        assertThat(spend.get("c-1")).isNotNull();

        clock = clock.plus(FRAUD.window()).plus(SpendWindow.bucketWidth(FRAUD)).plus(FraudCheck.sweepInterval(FRAUD));
        place("o-4", "c-3", 100); // advances stream time; the sweep runs

        assertThat(spend.get("c-1")).as("idle for two windows").isNull();
        assertThat(spend.get("c-2")).as("ordered one window ago").isNotNull();
        assertThat(spend.get("c-3")).isNotNull();
    }

    @Test
    void manyOrdersOfOneCustomerKeepItsValueBounded() {
        for (int i = 0; i < 300; i++) {
            clock = clock.plusSeconds(47);
            place("o-" + i, "c-1", 1);
        }
        CustomerSpend value = spend.get("c-1");
        assertThat(value.getBuckets()).hasSizeLessThanOrEqualTo(SpendWindow.BUCKETS + 1);
        assertThat(value.getRecentOrders()).hasSize(SpendWindow.RECENT_ORDERS);
        assertThat(value.getOrders()).isEmpty();
        assertThat(verdicts.readValuesToList()).hasSize(300).allMatch(FraudVerdict::getPassed);
    }

    private void place(String orderId, String customerId, long totalMinor) {
        orders.pipeInput(orderId, placed(orderId, customerId, totalMinor), tick());
    }

    private OrderEvent placed(String orderId, String customerId, long totalMinor) {
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku("SKU-1").setQuantity(1).setUnitPriceMinor(totalMinor).build();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setLines(List.of(line))
                .setTotalMinor(totalMinor).setCurrency("EUR").setPlacedAt(clock).build();
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(placed).build();
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}

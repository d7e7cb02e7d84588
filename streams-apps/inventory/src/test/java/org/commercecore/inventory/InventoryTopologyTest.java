package org.commercecore.inventory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.LowStockAlert;
import org.commercecore.schemas.inventory.ReleaseReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.inventory.StockCommitted;
import org.commercecore.schemas.inventory.StockReleased;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives InventoryTopology.build with the production configuration (exactly-once, dead-letter handlers). */
class InventoryTopologyTest {

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, StockAdjustment> adjustments;
    private TestInputTopic<String, byte[]> rawOrders;
    private TestOutputTopic<String, InventoryEvent> events;
    private TestOutputTopic<String, InventoryEvent> orderEvents;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;
    private Instant clock = Instant.parse("2026-11-24T10:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        topology = TopologyTests.start(InventoryApp.APPLICATION_ID, state, serdes -> InventoryTopology.build(serdes, meters));
        orders = topology.input(Topics.ORDER_EVENTS);
        rawOrders = topology.rawValueInput(Topics.ORDER_EVENTS);
        adjustments = topology.input(Topics.STOCK_ADJUSTMENTS);
        events = topology.output(Topics.INVENTORY_EVENTS);
        orderEvents = topology.output(Topics.INVENTORY_ORDER_EVENTS);
        deadLetters = topology.output(InventoryApp.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void theAppCreatesOrChecksEveryTopicItsTopologyReadsOrWrites() {
        AvroSerdes offline = AvroSerdes.forRegistry(java.net.URI.create("mock://topics-of-the-topology"));
        assertThat(InventoryApp.TOPICS).extracting(org.commercecore.platform.topics.Topic::name)
                .containsAll(TopologyTests.externalTopics(InventoryTopology.build(offline, new SimpleMeterRegistry())));
    }

    @Test
    void reservesEveryLineOnItsOwnSku() {
        stock("SKU-A", 10, null);
        stock("SKU-B", 5, null);
        place("o-1", line(1, "SKU-A", 3), line(2, "SKU-B", 5));

        List<InventoryEvent> out = events.readValuesToList();
        assertThat(out).extracting(InventoryEvent::getPayload).hasOnlyElementsOfType(StockReserved.class).hasSize(2);
        assertThat(out).extracting(InventoryEvent::getCorrelationId).containsOnly("o-1");
        assertThat(reservations("SKU-A")).containsEntry("o-1#1", 3);
        assertThat(available("SKU-B")).isZero();
    }

    @Test
    void everyEventOfAnOrdersLinesIsPublishedAgainUnderTheOrderAndNoOtherIs() {
        stock("SKU-A", 4, 3);
        stock("SKU-B", 1, null);
        place("o-1", line(1, "SKU-A", 2), line(2, "SKU-B", 5)); // A reserved (and low), B rejected
        status("o-1", OrderStatus.PLACED, OrderStatus.REJECTED); // A released

        List<InventoryEvent> bySku = events.readValuesToList();
        List<KeyValue<String, InventoryEvent>> byOrder = orderEvents.readKeyValuesToList();
        assertThat(byOrder).extracting(kv -> kv.key).containsOnly("o-1");
        assertThat(byOrder).extracting(kv -> kv.value)
                .containsExactlyElementsOf(bySku.stream().filter(e -> e.getCorrelationId() != null).toList());
        assertThat(byOrder).extracting(kv -> kv.value.getPayload().getClass().getSimpleName())
                .contains("StockReserved", "StockReservationRejected", "StockReleased");

        stock("SKU-A", -2, null); // 2 available, below 3: an alert caused by no order stays on the SKU's topic only
        assertThat(events.readValuesToList()).extracting(InventoryEvent::getPayload).hasAtLeastOneElementOfType(LowStockAlert.class);
        assertThat(orderEvents.isEmpty()).isTrue();
    }

    @Test
    void ordersRacingForTheLastUnitsNeverTakeAvailableStockBelowZero() {
        stock("SKU-A", 3, null);
        place("o-1", line(1, "SKU-A", 2));
        place("o-2", line(1, "SKU-A", 2));
        place("o-3", line(1, "SKU-A", 1));

        List<Object> payloads = events.readValuesToList().stream().map(InventoryEvent::getPayload).toList();
        assertThat(payloads.get(0)).isInstanceOf(StockReserved.class);
        assertThat(payloads.get(1)).isInstanceOfSatisfying(StockReservationRejected.class, r -> {
            assertThat(r.getRequested()).isEqualTo(2);
            assertThat(r.getAvailable()).isEqualTo(1);
        });
        assertThat(payloads.get(2)).isInstanceOf(StockReserved.class);
        assertThat(available("SKU-A")).isZero();
    }

    @Test
    void aRejectedOrderReleasesTheLinesThatWereReservedSoTheOutcomeIsAllOrNone() {
        stock("SKU-A", 10, null);
        stock("SKU-B", 1, null);
        place("o-1", line(1, "SKU-A", 4), line(2, "SKU-B", 2));
        assertThat(events.readValuesToList()).extracting(InventoryEvent::getPayload)
                .hasExactlyElementsOfTypes(StockReserved.class, StockReservationRejected.class);

        status("o-1", OrderStatus.PLACED, OrderStatus.REJECTED);

        List<InventoryEvent> released = events.readValuesToList();
        assertThat(released).hasSize(1);
        assertThat(released.get(0).getPayload()).isInstanceOfSatisfying(StockReleased.class, r -> {
            assertThat(r.getLineNo()).isEqualTo(1);
            assertThat(r.getQuantity()).isEqualTo(4);
            assertThat(r.getReleaseReason()).isEqualTo(ReleaseReason.ORDER_REJECTED);
        });
        assertThat(available("SKU-A")).isEqualTo(10);
        assertThat(available("SKU-B")).isEqualTo(1);
    }

    @Test
    void cancellingAConfirmedOrderReleasesAndShippingCommitsOutOfOnHand() {
        stock("SKU-A", 10, null);
        place("o-1", line(1, "SKU-A", 2));
        place("o-2", line(1, "SKU-A", 3));
        status("o-1", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        status("o-2", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        events.readValuesToList();

        status("o-1", OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
        status("o-2", OrderStatus.CONFIRMED, OrderStatus.SHIPPED);

        List<Object> payloads = events.readValuesToList().stream().map(InventoryEvent::getPayload).toList();
        assertThat(payloads.get(0)).isInstanceOfSatisfying(StockReleased.class,
                r -> assertThat(r.getReleaseReason()).isEqualTo(ReleaseReason.ORDER_CANCELLED));
        assertThat(payloads.get(1)).isInstanceOfSatisfying(StockCommitted.class,
                c -> assertThat(c.getOnHandAfter()).isEqualTo(7));
        assertThat(level("SKU-A").getOnHand()).isEqualTo(7);
        assertThat(reservations("SKU-A")).isEmpty();
        assertThat(level("SKU-A").getReservedTotal()).isZero();
        assertThat(meters.get(InventoryMeters.EVENTS).tags("kind", "reserved").counter().count()).isEqualTo(2);
        assertThat(meters.get(InventoryMeters.EVENTS).tags("kind", "released").counter().count()).isEqualTo(1);
        assertThat(meters.get(InventoryMeters.EVENTS).tags("kind", "committed").counter().count()).isEqualTo(1);
    }

    @Test
    void aLowStockAlertIsRaisedOncePerCrossingNotOncePerOrder() {
        stock("SKU-A", 10, 5);
        place("o-1", line(1, "SKU-A", 3)); // 7 available
        place("o-2", line(1, "SKU-A", 3)); // 4: crosses below 5
        place("o-3", line(1, "SKU-A", 1)); // 3: still below, no second alert
        status("o-2", OrderStatus.PLACED, OrderStatus.REJECTED); // back to 6
        place("o-4", line(1, "SKU-A", 2)); // 4: crosses again

        List<LowStockAlert> alerts = events.readValuesToList().stream().map(InventoryEvent::getPayload)
                .filter(LowStockAlert.class::isInstance).map(LowStockAlert.class::cast).toList();
        assertThat(alerts).hasSize(2);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.getAvailable()).isEqualTo(4);
            assertThat(a.getThreshold()).isEqualTo(5);
        });
        assertThat(meters.get(InventoryMeters.EVENTS).tags("kind", "low_stock_alert").counter().count()).isEqualTo(2);
    }

    @Test
    void theSameOrderPlacedTwiceReservesOnce() {
        stock("SKU-A", 10, null);
        OrderEvent placed = placedEvent("o-1", line(1, "SKU-A", 4));
        orders.pipeInput("o-1", placed, clock);
        orders.pipeInput("o-1", placed, clock);

        assertThat(events.readValuesToList()).hasSize(1);
        assertThat(available("SKU-A")).isEqualTo(6);
    }

    @Test
    void aDuplicateOrderPlacedAfterTheOrderClosedReservesNothing() {
        stock("SKU-A", 10, null);
        OrderEvent placed = placedEvent("o-1", line(1, "SKU-A", 4));
        orders.pipeInput("o-1", placed, tick());
        status("o-1", OrderStatus.PLACED, OrderStatus.REJECTED);
        orders.pipeInput("o-1", placed, tick()); // redelivered by an upstream after the order was rejected

        assertThat(events.readValuesToList()).extracting(InventoryEvent::getPayload)
                .hasExactlyElementsOfTypes(StockReserved.class, StockReleased.class);
        assertThat(available("SKU-A")).isEqualTo(10);
    }

    @Test
    void anEventIdDependsOnlyOnItsInputSoReprocessingRepeatsIt() {
        stock("SKU-A", 10, null);
        OrderEvent placed = placedEvent("o-1", line(1, "SKU-A", 4));
        orders.pipeInput("o-1", placed, tick());
        InventoryEvent first = events.readValue();
        status("o-1", OrderStatus.PLACED, OrderStatus.CANCELLED);
        events.readValuesToList();

        // a new driver on fresh state, fed the same input, is what a replay after a crash amounts to
        stop();
        start();
        stock("SKU-A", 10, null);
        orders.pipeInput("o-1", placed, tick());
        assertThat(events.readValue().getEventId()).isEqualTo(first.getEventId());
    }

    @Test
    void anAdjustmentThatWouldTakeReservedUnitsIsDeadLetteredAndTheStreamGoesOn() {
        stock("SKU-A", 5, null);
        place("o-1", line(1, "SKU-A", 4));
        events.readValuesToList();

        stock("SKU-A", -3, null); // only 1 unit is not reserved
        place("o-2", line(1, "SKU-A", 1));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        assertThat(letter.getOriginalTopic()).isEqualTo(Topics.STOCK_ADJUSTMENTS.name());
        assertThat(letter.getErrorMessage()).contains("would leave available stock at -2");
        assertThat(level("SKU-A").getOnHand()).isEqualTo(5);
        assertThat(events.readValuesToList()).extracting(InventoryEvent::getPayload).hasOnlyElementsOfType(StockReserved.class);
    }

    @Test
    void aLineAskingForNoOrNegativeUnitsIsDeadLetteredNotApplied() {
        stock("SKU-A", 5, null);
        place("o-1", line(1, "SKU-A", -3));

        assertThat(deadLetters.readValue().getErrorMessage()).contains("order o-1 line 1 asks for -3 of SKU-A");
        assertThat(events.isEmpty()).isTrue();
        assertThat(available("SKU-A")).isEqualTo(5);
    }

    /**
     * TopologyTestDriver (4.3) calls the deserialization handler but does not write the dead
     * letters it returns; that they land on the topic with the original bytes is proven on a real
     * broker by DeadLetterIT in local-stack.
     */
    @Test
    void anUndecodableOrderEventIsSetAsideAndTheStreamGoesOn() {
        stock("SKU-A", 5, null);
        rawOrders.pipeInput("o-x", "not an order".getBytes(StandardCharsets.UTF_8), clock);
        place("o-1", line(1, "SKU-A", 1));

        assertThat(events.readValuesToList()).extracting(InventoryEvent::getPayload).hasExactlyElementsOfTypes(StockReserved.class);
        assertThat(available("SKU-A")).isEqualTo(4);
    }

    private void stock(String sku, int delta, Integer threshold) {
        StockAdjustment adjustment = StockAdjustment.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(clock).setSku(sku).setCorrelationId(null)
                .setAdjustmentId("adj-" + UUID.randomUUID()).setQuantityDelta(delta)
                .setReason(delta >= 0 ? AdjustmentReason.RESTOCK : AdjustmentReason.DAMAGE)
                .setLowStockThreshold(threshold).setNote(null).build();
        adjustments.pipeInput(sku, adjustment, tick());
    }

    private void place(String orderId, OrderLine... lines) {
        orders.pipeInput(orderId, placedEvent(orderId, lines), tick());
    }

    private OrderEvent placedEvent(String orderId, OrderLine... lines) {
        long total = 0;
        for (OrderLine l : lines) {
            total += l.getUnitPriceMinor() * l.getQuantity();
        }
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId("c-1").setLines(List.of(lines)).setTotalMinor(total)
                .setCurrency("EUR").setPlacedAt(clock).build();
        return envelope(orderId, placed);
    }

    private void status(String orderId, OrderStatus from, OrderStatus to) {
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to)
                .setReasonCode(null).setReason(null).build();
        orders.pipeInput(orderId, envelope(orderId, changed), tick());
    }

    private OrderEvent envelope(String orderId, Object payload) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId("c-1").setPayload(payload).build();
    }

    @Test
    void aLineReservedTwiceIsReservedOnceAndItsEntryGoesWhenItIsReleasedOrCommitted() {
        stock("SKU-A", 10, null);
        stock("SKU-AB", 10, null); // its reservation keys start with another prefix than SKU-A's
        place("o-1", line(1, "SKU-A", 3), line(2, "SKU-A", 2), line(3, "SKU-AB", 1));
        place("o-1", line(1, "SKU-A", 3), line(2, "SKU-A", 2), line(3, "SKU-AB", 1)); // a duplicate OrderPlaced
        assertThat(reservations("SKU-A")).containsOnly(Map.entry("o-1#1", 3), Map.entry("o-1#2", 2));
        assertThat(reservations("SKU-AB")).containsOnly(Map.entry("o-1#3", 1));
        assertThat(available("SKU-A")).isEqualTo(5);

        place("o-2", line(1, "SKU-A", 4));
        status("o-1", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        status("o-1", OrderStatus.CONFIRMED, OrderStatus.SHIPPED);
        status("o-2", OrderStatus.PLACED, OrderStatus.REJECTED);

        assertThat(reservations("SKU-A")).isEmpty();
        assertThat(reservations("SKU-AB")).isEmpty();
        assertThat(level("SKU-A").getOnHand()).isEqualTo(5);
        assertThat(available("SKU-A")).isEqualTo(5);
    }

    @Test
    void theStockValueAndEveryChangelogWriteOfItStaySmallWhateverTheNumberOfOpenReservations() {
        TestOutputTopic<byte[], byte[]> stockChangelog = topology.driver().createOutputTopic(
                InventoryApp.APPLICATION_ID + "-" + InventoryTopology.STOCK_STORE + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        int openReservations = 400;
        stock("SKU-A", 1_000_000, 10);
        for (int order = 1; order <= openReservations; order++) {
            place("o-" + order, line(1, "SKU-A", 1_000)); // confirmed orders never shipped keep their reservation
        }

        List<byte[]> writes = stockChangelog.readValuesToList();
        assertThat(writes).hasSize(1 + openReservations);
        int sizeAfterTheFirstReserve = writes.get(1).length;
        // the value is the SKU, on-hand, threshold, an empty legacy map and two counters: a few dozen bytes
        assertThat(writes).allSatisfy(value -> assertThat(value.length).isLessThanOrEqualTo(48)
                .isLessThanOrEqualTo(sizeAfterTheFirstReserve + 4));
        assertThat(level("SKU-A").getReservationCount()).isEqualTo(openReservations);
        assertThat(reservations("SKU-A")).hasSize(openReservations);
        assertThat(available("SKU-A")).isEqualTo(1_000_000 - openReservations * 1_000);
    }

    private static OrderLine line(int lineNo, String sku, int quantity) {
        return OrderLine.newBuilder().setLineNo(lineNo).setSku(sku).setQuantity(quantity).setUnitPriceMinor(1000).build();
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    private StockLevel level(String sku) {
        KeyValueStore<String, StockLevel> store = topology.driver().getKeyValueStore(InventoryTopology.STOCK_STORE);
        return store.get(sku);
    }

    /** The SKU's open reservations in the reservation store, by '<order_id>#<line_no>'. */
    private Map<String, Integer> reservations(String sku) {
        KeyValueStore<String, StockReservation> store = topology.driver().getKeyValueStore(InventoryTopology.RESERVATIONS_STORE);
        Map<String, Integer> bySku = new TreeMap<>();
        try (KeyValueIterator<String, StockReservation> all = store.prefixScan(StockPosition.skuPrefix(sku), new StringSerializer())) {
            all.forEachRemaining(kv -> bySku.put(kv.value.getOrderId() + "#" + kv.value.getLineNo(), kv.value.getQuantity()));
        }
        return bySku;
    }

    private int available(String sku) {
        StockLevel level = level(sku);
        int reserved = reservations(sku).values().stream().mapToInt(Integer::intValue).sum();
        assertThat(level.getReservedTotal()).as("the level's reserved total is the sum of the SKU's reservations").isEqualTo(reserved);
        assertThat(level.getReservationCount()).isEqualTo(reservations(sku).size());
        return level.getOnHand() - reserved;
    }
}

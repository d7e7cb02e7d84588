package org.commercecore.inventory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.inventory.internal.Line;
import org.commercecore.inventory.internal.OrderLines;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.serde.OtherBuilds;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.ReleasedSchemas;
import org.commercecore.schemas.inventory.InventoryEvent;
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

/**
 * Stock survives an upgrade: what the first released build wrote (StockLevel in the stock store
 * and its changelog, StockCommand on the repartition topic) is read by this build, and by the
 * next version of StockLevel once it gains a field with a default.
 *
 * <p>TopologyTestDriver does not restore local stores from their changelogs, so a restore is
 * played the way Kafka Streams does one: the changelog's value bytes go into the innermost store
 * as they are, unread, and the first read decodes them through the store's serde.
 */
class StoredStockSurvivesAnUpgradeTest {
    private static final String CHANGELOG = InventoryApp.APPLICATION_ID + "-" + InventoryTopology.STOCK_STORE + "-changelog";
    private static final String STOCK_COMMANDS = InventoryApp.APPLICATION_ID + "-" + InventoryTopology.STOCK_COMMANDS + "-repartition";

    @TempDir
    Path state;
    private TopologyTests topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, byte[]> stockCommands;
    private TestOutputTopic<String, InventoryEvent> events;
    private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeEach
    void start() {
        topology = TopologyTests.start(InventoryApp.APPLICATION_ID, state, serdes -> InventoryTopology.build(serdes, new SimpleMeterRegistry()));
        driver = topology.driver();
        orders = topology.input(Topics.ORDER_EVENTS);
        stockCommands = driver.createInputTopic(STOCK_COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        events = topology.output(Topics.INVENTORY_EVENTS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void theNextVersionOfStockLevelReadsStockWrittenWithTheReleasedSchema() {
        Schema next = OtherBuilds.nextVersion(firstRelease(StockLevel.getClassSchema()), "reorder_quantity",
                Schema.create(Schema.Type.INT), 0);
        Serde<GenericRecord> nextBuild = InternalSerdes.avro(GenericData.get(), next);

        GenericRecord read = nextBuild.deserializer().deserialize(CHANGELOG, releasedStock("SKU-A", 10, Map.of("o-1#1", 3)));

        assertThat(read.get("sku")).hasToString("SKU-A");
        assertThat(read.get("on_hand")).isEqualTo(10);
        assertThat(read.get("reservations").toString()).isEqualTo("{o-1#1=3}");
        assertThat(read.get("low_stock_threshold")).isNull();
        assertThat(read.get("reorder_quantity")).as("the new field's default").isEqualTo(0);
    }

    @Test
    void reservesAgainstStockRestoredFromAChangelogTheReleasedBuildWrote() {
        restore(InventoryTopology.STOCK_STORE, "SKU-A", releasedStock("SKU-A", 10, Map.of("o-1#1", 3)));

        place("o-2", "SKU-A", 7); // exactly what is left: 10 on hand, 3 reserved by o-1
        place("o-3", "SKU-A", 1);

        List<Object> payloads = events.readValuesToList().stream().map(InventoryEvent::getPayload).toList();
        assertThat(payloads.get(0)).isInstanceOfSatisfying(StockReserved.class, r -> assertThat(r.getQuantity()).isEqualTo(7));
        assertThat(payloads.get(1)).isInstanceOfSatisfying(StockReservationRejected.class,
                r -> assertThat(r.getAvailable()).isZero());
        assertThat(reservations("SKU-A")).containsOnly(Map.entry("o-1#1", 3), Map.entry("o-2#1", 7));
        assertThat(level("SKU-A").getReservations()).as("moved out of the level on its first command").isEmpty();
        assertThat(level("SKU-A").getReservedTotal()).isEqualTo(10);
        assertThat(level("SKU-A").getReservationCount()).isEqualTo(2);
    }

    @Test
    void aReservationTheReleasedBuildKeptInsideTheLevelIsReleasedAndCommittedAfterTheUpgrade() {
        restore(InventoryTopology.STOCK_STORE, "SKU-A", releasedStock("SKU-A", 10, Map.of("o-1#1", 3, "o-2#1", 4)));

        status("o-1", "CONFIRMED", "CANCELLED");
        status("o-2", "CONFIRMED", "SHIPPED");

        List<Object> payloads = events.readValuesToList().stream().map(InventoryEvent::getPayload).toList();
        assertThat(payloads.get(0)).isInstanceOfSatisfying(StockReleased.class, r -> assertThat(r.getQuantity()).isEqualTo(3));
        assertThat(payloads.get(1)).isInstanceOfSatisfying(StockCommitted.class, c -> assertThat(c.getOnHandAfter()).isEqualTo(6));
        assertThat(reservations("SKU-A")).isEmpty();
        assertThat(level("SKU-A").getReservations()).isEmpty();
        assertThat(level("SKU-A").getReservedTotal()).isZero();
        assertThat(level("SKU-A").getOnHand()).isEqualTo(6);
    }

    @Test
    void appliesAStockCommandTheReleasedBuildLeftOnTheRepartitionTopic() {
        restore(InventoryTopology.STOCK_STORE, "SKU-A", releasedStock("SKU-A", 10, Map.of()));
        Schema released = firstRelease(StockCommand.getClassSchema());
        GenericRecord reserve = new GenericRecordBuilder(released)
                .set("kind", new GenericData.EnumSymbol(released.getField("kind").schema(), "RESERVE"))
                .set("sku", "SKU-A").set("order_id", "o-1").set("line_no", 1).set("quantity", 4)
                .set("source_event_id", UUID.randomUUID().toString()).build();

        stockCommands.pipeInput("SKU-A", OtherBuilds.write(released, reserve), tick());

        assertThat(events.readValue().getPayload()).isInstanceOf(StockReserved.class);
        assertThat(reservations("SKU-A")).containsEntry("o-1#1", 4);
    }

    private static Schema firstRelease(Schema current) {
        return ReleasedSchemas.of(current.getFullName(), StoredStockSurvivesAnUpgradeTest.class.getClassLoader()).get(0);
    }

    private static byte[] releasedStock(String sku, int onHand, Map<String, Integer> reservations) {
        Schema released = firstRelease(StockLevel.getClassSchema());
        return OtherBuilds.write(released, new GenericRecordBuilder(released)
                .set("sku", sku).set("on_hand", onHand).set("reservations", reservations).build());
    }

    /** What a restore from the changelog does: the value bytes go into the innermost store, unread. */
    @SuppressWarnings("unchecked")
    private void restore(String storeName, String key, byte[] value) {
        StateStore store = driver.getKeyValueStore(storeName);
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        ((KeyValueStore<Bytes, byte[]>) store).put(Bytes.wrap(Serdes.String().serializer().serialize(CHANGELOG, key)), value);
    }

    private void place(String orderId, String sku, int quantity) {
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku(sku).setQuantity(quantity).setUnitPriceMinor(1000).build();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId("c-1").setLines(List.of(line))
                .setTotalMinor(1000L * quantity).setCurrency("EUR").setPlacedAt(clock).build();
        orders.pipeInput(orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock)
                .setOrderId(orderId).setCorrelationId(orderId).setCustomerId("c-1").setPayload(placed).build(), tick());
    }

    /** The released build kept an order's lines too: the cancel and ship below find them in its order-lines store. */
    private void status(String orderId, String from, String to) {
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku("SKU-A").setQuantity(1).setUnitPriceMinor(1000).build();
        restoreLines(orderId, line);
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(OrderStatus.valueOf(from))
                .setToStatus(OrderStatus.valueOf(to)).setReasonCode(null).setReason(null).build();
        orders.pipeInput(orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock)
                .setOrderId(orderId).setCorrelationId(orderId).setCustomerId("c-1").setPayload(changed).build(), tick());
    }

    private void restoreLines(String orderId, OrderLine line) {
        KeyValueStore<String, OrderLines> store = driver.getKeyValueStore(InventoryTopology.ORDER_LINES_STORE);
        store.put(orderId, OrderLines.newBuilder().setOrderId(orderId).setClosed(false)
                .setLines(List.of(Line.newBuilder().setLineNo(line.getLineNo()).setSku(line.getSku())
                        .setQuantity(line.getQuantity()).build())).build());
    }

    private Map<String, Integer> reservations(String sku) {
        KeyValueStore<String, StockReservation> store = driver.getKeyValueStore(InventoryTopology.RESERVATIONS_STORE);
        Map<String, Integer> bySku = new TreeMap<>();
        try (KeyValueIterator<String, StockReservation> all = store.prefixScan(StockPosition.skuPrefix(sku), new StringSerializer())) {
            all.forEachRemaining(kv -> bySku.put(kv.value.getOrderId() + "#" + kv.value.getLineNo(), kv.value.getQuantity()));
        }
        return bySku;
    }

    private StockLevel level(String sku) {
        KeyValueStore<String, StockLevel> store = driver.getKeyValueStore(InventoryTopology.STOCK_STORE);
        return store.get(sku);
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}

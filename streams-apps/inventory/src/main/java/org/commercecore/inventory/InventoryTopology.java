package org.commercecore.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.commercecore.inventory.intake.StockIntake;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.inventory.internal.OrderLines;
import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.InventoryEvent;

/**
 * The inventory topology.
 * <pre>
 * orders.events.v1 (by order) --order-lines--> stock commands, one per line (by SKU) --repartition--+
 * cdc.public.stock_adjustments, cdc.public.products --stock intake--> stock.adjustments.v1
 * stock.adjustments.v1 (by SKU) ------------------------------------------------------------------+--> stock-ledger --> inventory.events.v1 (by SKU)
 *                                                                                                      \--> inventory.order-events.v1 (by order)
 * </pre>
 * An order's lines live on different SKU partitions: each line is reserved where its SKU lives,
 * and the orders aggregate decides the order from the per-line replies (all or none): when any
 * line fails it rejects the order, and the rejection releases every line that was reserved.
 * The events of an order's lines go out a second time keyed by order id, in the same transaction:
 * the aggregate reads its replies on the order's partition, one exactly-once hop sooner than
 * through a repartition of its own.
 */
public final class InventoryTopology {
    public static final String ORDER_LINES_STORE = "inventory-order-lines";
    public static final String STOCK_STORE = "inventory-stock";
    public static final String RESERVATIONS_STORE = "inventory-reservations";
    static final String STOCK_COMMANDS = "stock-commands";

    private InventoryTopology() {
    }

    /** {@code meters}: where the stock events are counted ({@link InventoryMeters}). */
    public static Topology build(AvroSerdes serdes, MeterRegistry meters) {
        InventoryMeters inventoryMeters = new InventoryMeters(meters);
        StreamsBuilder builder = new StreamsBuilder();
        StockIntake.addTo(builder, serdes);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_LINES_STORE),
                Serdes.String(), InternalSerdes.avro(OrderLines.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_STORE),
                Serdes.String(), InternalSerdes.avro(StockLevel.class)).withCachingEnabled()); // a hot SKU logs once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS_STORE),
                Serdes.String(), InternalSerdes.avro(StockReservation.class)));

        KStream<String, StockCommand> fromOrders = builder
                .stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes))
                .process(OrderLinesProcessor::new, Named.as("order-lines"), ORDER_LINES_STORE)
                .repartition(Repartitioned.<String, StockCommand>as(STOCK_COMMANDS)
                        .withKeySerde(Serdes.String())
                        // as many partitions as its source orders.events.v1, so as stock.adjustments.v1 (every
                        // scaled topic has the deployment's count): co-partitioned, a SKU has one partition, one writer
                        .withValueSerde(InternalSerdes.avro(StockCommand.class)));

        KStream<String, StockCommand> adjustments = builder
                .stream(Topics.STOCK_ADJUSTMENTS.name(), Topics.STOCK_ADJUSTMENTS.consumed(serdes))
                .mapValues(StockCommands::adjust, Named.as("adjustment-to-command"));

        KStream<String, InventoryEvent> events = fromOrders.merge(adjustments, Named.as("all-stock-commands"))
                .process(StockLedger::new, Named.as("stock-ledger"), STOCK_STORE, RESERVATIONS_STORE)
                .peek((sku, event) -> inventoryMeters.published(event), Named.as("count-events"));
        events.to(Topics.INVENTORY_EVENTS.name(), Topics.INVENTORY_EVENTS.produced(serdes));
        // to() with a new key writes to the key's partition (the default partitioner, like every
        // producer of order-keyed topics): no repartition topic, no extra hop
        events.filter((sku, event) -> event.getCorrelationId() != null, Named.as("of-orders"))
                .selectKey((sku, event) -> event.getCorrelationId(), Named.as("by-order"))
                .to(Topics.INVENTORY_ORDER_EVENTS.name(), Topics.INVENTORY_ORDER_EVENTS.produced(serdes));
        return builder.build();
    }
}

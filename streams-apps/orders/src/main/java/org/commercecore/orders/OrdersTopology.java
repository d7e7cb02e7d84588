package org.commercecore.orders;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.orders.intake.OrderIntake;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.orders.views.OrderViews;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * The orders topology.
 * <pre>
 * cdc.public.orders / order_commands --order intake--> orders.events.v1 (OrderPlaced) / orders.commands.v1
 * orders.events.v1 (all) --views--> orders.status.v1 (latest status per order), orders.daily-totals.v1
 * orders.events.v1 (OrderPlaced) --------------------------------------+
 *   \--by customer--> fraud-check --by order--> verdicts -------------+
 * inventory.events.v1 (reserved / rejected) --by order (correlation)--+--> order-aggregate --> orders.events.v1
 * payments.events.v1 (authorized / declined) -------------------------+
 * orders.commands.v1 (cancel / ship) ---------------------------------+
 * </pre>
 * The aggregate reads only OrderPlaced from its own output topic, so its status events never loop back.
 */
public final class OrdersTopology {
    public static final String ORDERS_STORE = "orders";
    public static final String FRAUD_STORE = "fraud-customer-spend";

    private OrdersTopology() {
    }

    public static Topology build(AvroSerdes serdes, FraudLimits fraudRule) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_STORE),
                Serdes.String(), InternalSerdes.avro(OrderState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAUD_STORE),
                Serdes.String(), InternalSerdes.avro(CustomerSpend.class)));
        int partitions = Topics.ORDER_EVENTS.partitions();

        OrderIntake.addTo(builder, serdes);

        KStream<String, OrderEvent> events = builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes));
        OrderViews.addTo(builder, events, serdes);
        KStream<String, OrderEvent> placed = events
                .filter((orderId, event) -> event.getPayload() instanceof OrderPlaced, Named.as("only-placed"));

        KStream<String, OrderInput> verdicts = placed
                .selectKey((orderId, event) -> ((OrderPlaced) event.getPayload()).getCustomerId(), Named.as("by-customer"))
                .repartition(Repartitioned.<String, OrderEvent>as("placed-by-customer").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(OrderEvent.class)).withNumberOfPartitions(partitions))
                .process(() -> new FraudCheck(fraudRule), Named.as("fraud-check"), FRAUD_STORE)
                .repartition(Repartitioned.<String, FraudVerdict>as("fraud-verdicts").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(FraudVerdict.class)).withNumberOfPartitions(partitions))
                .mapValues(v -> (OrderInput) new OrderInput.Fraud(v), Named.as("verdict-input"));

        KStream<String, OrderInput> stock = builder
                .stream(Topics.INVENTORY_EVENTS.name(), Topics.INVENTORY_EVENTS.consumed(serdes))
                .filter((sku, e) -> e.getCorrelationId() != null
                        && (e.getPayload() instanceof StockReserved || e.getPayload() instanceof StockReservationRejected),
                        Named.as("only-reservation-replies"))
                .selectKey((sku, e) -> e.getCorrelationId(), Named.as("by-order"))
                .repartition(Repartitioned.<String, InventoryEvent>as("stock-replies").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(InventoryEvent.class)).withNumberOfPartitions(partitions))
                .mapValues(e -> (OrderInput) new OrderInput.Stock(e), Named.as("stock-input"));

        KStream<String, OrderInput> payments = builder
                .stream(Topics.PAYMENT_EVENTS.name(), Topics.PAYMENT_EVENTS.consumed(serdes))
                .mapValues(e -> (OrderInput) new OrderInput.Payment(e), Named.as("payment-input"));

        KStream<String, OrderInput> commands = builder
                .stream(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMANDS.consumed(serdes))
                .mapValues(c -> (OrderInput) new OrderInput.Command(c), Named.as("command-input"));

        placed.mapValues(e -> (OrderInput) new OrderInput.Placed(e), Named.as("placed-input"))
                .merge(verdicts, Named.as("merge-verdicts"))
                .merge(stock, Named.as("merge-stock"))
                .merge(payments, Named.as("merge-payments"))
                .merge(commands, Named.as("merge-commands"))
                .process(OrderAggregate::new, Named.as("order-aggregate"), ORDERS_STORE)
                .to(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.produced(serdes));
        return builder.build();
    }
}

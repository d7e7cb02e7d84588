package org.commercecore.orders;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
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
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * The orders topology.
 * <pre>
 * cdc.public.orders / order_commands --order intake--> orders.events.v1 (OrderPlaced) / orders.commands.v1
 * orders.events.v1 (OrderPlaced) --------------------------------------+
 *   \--by customer--> fraud-check --by order--> verdicts -------------+
 * inventory.order-events.v1 (reserved / rejected, by order) ----------+--> order-aggregate --> orders.events.v1
 * payments.events.v1 (authorized / declined) -------------------------+        \--> orders.status.v1 --by day--> orders.daily-totals.v1
 * orders.commands.v1 (cancel / ship) ---------------------------------+
 * </pre>
 * The aggregate reads only OrderPlaced from its own output topic, so its status events never loop
 * back. Every reply reaches it on the order's own partition: inventory publishes its replies keyed
 * by order id, so the critical path from OrderPlaced to CONFIRMED is three exactly-once hops
 * (inventory's line split, its ledger, this aggregate) and the status view costs none. A reply
 * that never comes is the aggregate's own wall-clock check: past the saga deadline, the order is
 * rejected as TIMEOUT with no input, and compensated like any rejection.
 * Repartition topics take the largest partition count among the sources of the sub-topology that
 * writes them: every one of those is a scaled topic with the deployment's count
 * (COMMERCE_TOPICS_PARTITIONS), so they stay co-partitioned with the topics they merge with.
 */
public final class OrdersTopology {
    public static final String ORDERS_STORE = "orders";
    public static final String FRAUD_STORE = "fraud-customer-spend";

    private OrdersTopology() {
    }

    /**
     * {@code sagaDeadline}: how long a placed order waits for its replies before it is rejected as
     * TIMEOUT ({@link OrderAggregate}); {@code meters}: where the aggregate counts what it decides
     * ({@link OrderMeters}).
     */
    public static Topology build(AvroSerdes serdes, FraudLimits fraudRule, Duration sagaDeadline, MeterRegistry meters) {
        OrderMeters orderMeters = new OrderMeters(meters);
        StreamsBuilder builder = new StreamsBuilder();
        // cached: the replies to one order that arrive within one commit interval are logged once
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_STORE),
                Serdes.String(), InternalSerdes.avro(OrderState.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAUD_STORE),
                Serdes.String(), InternalSerdes.avro(CustomerSpend.class)).withCachingEnabled());
        builder.addStateStore(OrderViews.legacyAmountsStore());

        OrderIntake.addTo(builder, serdes);

        KStream<String, OrderEvent> placed = builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes))
                .filter((orderId, event) -> event.getPayload() instanceof OrderPlaced, Named.as("only-placed"));

        KStream<String, OrderInput> verdicts = placed
                .selectKey((orderId, event) -> ((OrderPlaced) event.getPayload()).getCustomerId(), Named.as("by-customer"))
                .repartition(Repartitioned.<String, OrderEvent>as("placed-by-customer").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(OrderEvent.class)))
                .process(() -> new FraudCheck(fraudRule), Named.as("fraud-check"), FRAUD_STORE)
                .repartition(Repartitioned.<String, FraudVerdict>as("fraud-verdicts").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(FraudVerdict.class)))
                .mapValues(v -> (OrderInput) new OrderInput.Fraud(v), Named.as("verdict-input"));

        KStream<String, OrderInput> stock = builder
                .stream(Topics.INVENTORY_ORDER_EVENTS.name(), Topics.INVENTORY_ORDER_EVENTS.consumed(serdes))
                .filter((orderId, e) -> e.getPayload() instanceof StockReserved || e.getPayload() instanceof StockReservationRejected,
                        Named.as("only-reservation-replies"))
                .mapValues(e -> (OrderInput) new OrderInput.Stock(e), Named.as("stock-input"));

        KStream<String, OrderInput> payments = builder
                .stream(Topics.PAYMENT_EVENTS.name(), Topics.PAYMENT_EVENTS.consumed(serdes))
                .mapValues(e -> (OrderInput) new OrderInput.Payment(e), Named.as("payment-input"));

        KStream<String, OrderInput> commands = builder
                .stream(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMANDS.consumed(serdes))
                .mapValues(c -> (OrderInput) new OrderInput.Command(c), Named.as("command-input"));

        KStream<String, AggregateOutput> decided = placed
                .mapValues(e -> (OrderInput) new OrderInput.Placed(e), Named.as("placed-input"))
                .merge(verdicts, Named.as("merge-verdicts"))
                .merge(stock, Named.as("merge-stock"))
                .merge(payments, Named.as("merge-payments"))
                .merge(commands, Named.as("merge-commands"))
                .process(() -> new OrderAggregate(orderMeters, sagaDeadline), Named.as("order-aggregate"), ORDERS_STORE, OrderViews.LEGACY_AMOUNTS_STORE);
        decided.flatMapValues(out -> out instanceof AggregateOutput.Event e ? List.of(e.event()) : List.<OrderEvent>of(),
                        Named.as("events"))
                .to(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.produced(serdes));
        OrderViews.addTo(decided.flatMapValues(
                out -> out instanceof AggregateOutput.Status s ? List.of(s.view()) : List.<OrderStatusView>of(),
                Named.as("status-views")), serdes);
        return builder.build();
    }
}

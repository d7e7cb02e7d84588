package org.commercecore.query.views;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.orders.OrderEvent;

/**
 * The query API's views.
 * <pre>
 * orders.events.v1 ----------------------------------+
 * payments.events.v1 (by order) ---------------------+--> order-views --> store query-orders (by order id)
 * inventory.events.v1 --by correlation (order)-------+
 * orders.events.v1 --by customer--> customer-orders --> store query-customer-orders (by customer id)
 * </pre>
 */
public final class QueryTopology {
    public static final String ORDERS_STORE = "query-orders";
    public static final String CUSTOMER_ORDERS_STORE = "query-customer-orders";

    private QueryTopology() {
    }

    public static Topology build(AvroSerdes serdes, OrderWatch watch) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_STORE), Serdes.String(),
                InternalSerdes.avro(OrderView.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_ORDERS_STORE), Serdes.String(),
                InternalSerdes.avro(CustomerOrders.class)));
        int partitions = Topics.ORDER_EVENTS.partitions();

        KStream<String, OrderEvent> orders = builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes));
        KStream<String, Object> payments = builder.stream(Topics.PAYMENT_EVENTS.name(), Topics.PAYMENT_EVENTS.consumed(serdes))
                .mapValues(p -> (Object) p, Named.as("payment-as-event"));
        KStream<String, Object> stock = builder.stream(Topics.INVENTORY_EVENTS.name(), Topics.INVENTORY_EVENTS.consumed(serdes))
                .filter((sku, e) -> e.getCorrelationId() != null, Named.as("stock-of-orders"))
                .selectKey((sku, e) -> e.getCorrelationId(), Named.as("stock-by-order"))
                .repartition(Repartitioned.<String, InventoryEvent>as("query-stock-by-order").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(InventoryEvent.class)).withNumberOfPartitions(partitions))
                .mapValues(e -> (Object) e, Named.as("stock-as-event"));
        orders.mapValues(e -> (Object) e, Named.as("order-as-event"))
                .merge(payments, Named.as("with-payments"))
                .merge(stock, Named.as("with-stock"))
                .process(() -> new OrderViewUpdater(watch), Named.as("order-views"), ORDERS_STORE);

        orders.filter((id, e) -> e.getCustomerId() != null && !e.getCustomerId().equals("unknown"), Named.as("of-known-customers"))
                .selectKey((id, e) -> e.getCustomerId(), Named.as("by-customer"))
                .repartition(Repartitioned.<String, OrderEvent>as("query-orders-by-customer").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(OrderEvent.class)).withNumberOfPartitions(partitions))
                .process(CustomerOrdersUpdater::new, Named.as("customer-orders"), CUSTOMER_ORDERS_STORE);
        return builder.build();
    }
}

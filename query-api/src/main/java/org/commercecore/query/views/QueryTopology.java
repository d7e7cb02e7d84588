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
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;

/**
 * The query API's views.
 * <pre>
 * orders.events.v1 ----------------------------------+
 * payments.events.v1 (by order) ---------------------+--> order-views --> store query-orders (by order id)
 * inventory.order-events.v1 (by order) -------------+
 * orders.events.v1 --by customer--> customer-orders --> store query-customer-orders (by customer id)
 * order-views (a confirmation's lines) --to one key--> top-sellers --> store query-top-sellers (key "all")
 * cdc.public.products --by SKU--+
 * stock.adjustments.v1 ---------+--> product-views --> store query-products (by SKU)
 * inventory.events.v1 ----------+
 * </pre>
 */
public final class QueryTopology {
    public static final String ORDERS_STORE = "query-orders";
    public static final String CUSTOMER_ORDERS_STORE = "query-customer-orders";
    public static final String PRODUCTS_STORE = "query-products";
    public static final String TOP_SELLERS_STORE = "query-top-sellers";
    /** The single key of the shop-wide top-sellers view. */
    public static final String ALL = "all";

    private QueryTopology() {
    }

    public static Topology build(AvroSerdes serdes, OrderWatch watch, SalesListener sales) {
        StreamsBuilder builder = new StreamsBuilder();
        // Cached stores log a key once per commit however often it changed in between (an order's
        // replies, a hot SKU, the one top-sellers key); interactive queries read through the cache.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_STORE), Serdes.String(),
                InternalSerdes.avro(OrderView.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_ORDERS_STORE), Serdes.String(),
                InternalSerdes.avro(CustomerOrders.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCTS_STORE), Serdes.String(),
                InternalSerdes.avro(ProductView.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOP_SELLERS_STORE), Serdes.String(),
                InternalSerdes.avro(TopSellers.class)).withCachingEnabled());

        KStream<String, OrderEvent> orders = builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes));
        KStream<String, Object> payments = builder.stream(Topics.PAYMENT_EVENTS.name(), Topics.PAYMENT_EVENTS.consumed(serdes))
                .mapValues(p -> (Object) p, Named.as("payment-as-event"));
        KStream<String, InventoryEvent> inventory = builder.stream(Topics.INVENTORY_EVENTS.name(),
                Topics.INVENTORY_EVENTS.consumed(serdes));
        KStream<String, Object> stock = builder.stream(Topics.INVENTORY_ORDER_EVENTS.name(),
                        Topics.INVENTORY_ORDER_EVENTS.consumed(serdes))
                .mapValues(e -> (Object) e, Named.as("stock-as-event"));
        orders.mapValues(e -> (Object) e, Named.as("order-as-event"))
                .merge(payments, Named.as("with-payments"))
                .merge(stock, Named.as("with-stock"))
                .process(() -> new OrderViewUpdater(watch), Named.as("order-views"), ORDERS_STORE)
                .repartition(Repartitioned.<String, ViewLine>as("query-sales").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(ViewLine.class)).withNumberOfPartitions(1))
                .process(() -> new TopSellersUpdater(sales), Named.as("top-sellers"), TOP_SELLERS_STORE);

        KStream<String, Object> catalog = builder.stream(Topics.CDC_PRODUCTS.name(), Topics.CDC_PRODUCTS.consumed(serdes))
                .flatMapValues(row -> CatalogRows.card(row).stream().toList(), Named.as("catalog-cards"))
                .selectKey((key, card) -> card.getSku(), Named.as("catalog-by-sku"))
                .repartition(Repartitioned.<String, ProductView>as("query-catalog-by-sku").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(ProductView.class)))
                .mapValues(card -> (Object) card, Named.as("card-as-event"));
        builder.stream(Topics.STOCK_ADJUSTMENTS.name(), Topics.STOCK_ADJUSTMENTS.consumed(serdes))
                .mapValues(a -> (Object) a, Named.as("adjustment-as-event"))
                .merge(inventory.mapValues(e -> (Object) e, Named.as("inventory-as-event")), Named.as("with-inventory"))
                .merge(catalog, Named.as("with-catalog"))
                .process(ProductViewUpdater::new, Named.as("product-views"), PRODUCTS_STORE);

        // only what changes a customer's list crosses the repartition (not refusals)
        orders.filter((id, e) -> e.getCustomerId() != null && !e.getCustomerId().equals("unknown")
                        && (e.getPayload() instanceof OrderPlaced || e.getPayload() instanceof OrderStatusChanged),
                        Named.as("of-known-customers"))
                .selectKey((id, e) -> e.getCustomerId(), Named.as("by-customer"))
                .repartition(Repartitioned.<String, OrderEvent>as("query-orders-by-customer").withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(OrderEvent.class)))
                .process(CustomerOrdersUpdater::new, Named.as("customer-orders"), CUSTOMER_ORDERS_STORE);
        return builder.build();
    }
}

package org.commercecore.platform.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.notifications.DeliveryOutcome;
import org.commercecore.schemas.notifications.Notification;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderStatusView;
import org.commercecore.schemas.payments.PaymentEvent;

/**
 * The one registry of commerce-core's topics. Nothing else spells a topic name.
 *
 * <p>Names follow {@code <context>.<kind>.v<major>}; a breaking change gets a new major topic.
 * Keys decide partitions: order topics are keyed by order id, stock topics by SKU, customer
 * topics by customer id. Domain events are kept forever ({@code retention.ms=-1}): the log is
 * the source of truth, so an order's timeline can always be rebuilt and replayed.
 */
public final class Topics {
    /**
     * Partitions of the domain and CDC topics when the deployment chooses none
     * ({@code COMMERCE_TOPICS_PARTITIONS}): the most instances of one app that can share the work.
     */
    public static final int DOMAIN_PARTITIONS = 4;

    private static final Map<String, String> KEEP_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1");
    private static final Map<String, String> LATEST_PER_KEY = Map.of("cleanup.policy", "compact");

    public static final Topic<String, OrderEvent> ORDER_EVENTS = new Topic<>("orders.events.v1",
            SerdeSpec.string(), SerdeSpec.avro(OrderEvent.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    /** Requests to cancel or ship an order; the orders service turns each into an event or a refusal. */
    public static final Topic<String, OrderCommand> ORDER_COMMANDS = new Topic<>("orders.commands.v1",
            SerdeSpec.string(), SerdeSpec.avro(OrderCommand.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    public static final Topic<String, StockAdjustment> STOCK_ADJUSTMENTS = new Topic<>("stock.adjustments.v1",
            SerdeSpec.string(), SerdeSpec.avro(StockAdjustment.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    public static final Topic<String, InventoryEvent> INVENTORY_EVENTS = new Topic<>("inventory.events.v1",
            SerdeSpec.string(), SerdeSpec.avro(InventoryEvent.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    /**
     * The inventory events that belong to an order (reserved, rejected, released, committed, and a
     * low-stock alert the order's reservation caused), keyed
     * by order id: the same events as on {@link #INVENTORY_EVENTS}, published a second time in the same
     * transaction so that the order's consumers (the orders aggregate, the query views) read them on the
     * order's own partition instead of each repartitioning the SKU-keyed topic.
     */
    public static final Topic<String, InventoryEvent> INVENTORY_ORDER_EVENTS = new Topic<>("inventory.order-events.v1",
            SerdeSpec.string(), SerdeSpec.avro(InventoryEvent.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    public static final Topic<String, PaymentEvent> PAYMENT_EVENTS = new Topic<>("payments.events.v1",
            SerdeSpec.string(), SerdeSpec.avro(PaymentEvent.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    /** The current profile of each customer; a deleted customer is a tombstone. */
    public static final Topic<String, Customer> CUSTOMERS = new Topic<>("customers.v1",
            SerdeSpec.string(), SerdeSpec.avro(Customer.class), DOMAIN_PARTITIONS, true, LATEST_PER_KEY);

    public static final Topic<String, Notification> NOTIFICATIONS = new Topic<>("notifications.v1",
            SerdeSpec.string(), SerdeSpec.avro(Notification.class), DOMAIN_PARTITIONS, true, KEEP_FOREVER);

    /**
     * What became of each notification's delivery, keyed like the notifications (customer id). Kept
     * for a month: long enough for the delivery worker to know, after a replay of notifications.v1,
     * what it already delivered (its deduplication window is shorter).
     */
    public static final Topic<String, DeliveryOutcome> NOTIFICATION_DELIVERIES = new Topic<>("notifications.deliveries.v1",
            SerdeSpec.string(), SerdeSpec.avro(DeliveryOutcome.class), DOMAIN_PARTITIONS, true,
            Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(30).toMillis())));

    /** The latest status of each order, flat, for consumers that want state rather than events (the JDBC sink). */
    public static final Topic<String, OrderStatusView> ORDER_STATUS = new Topic<>("orders.status.v1",
            SerdeSpec.string(), SerdeSpec.avro(OrderStatusView.class), DOMAIN_PARTITIONS, true, LATEST_PER_KEY);

    /** Per UTC day and currency: orders placed, confirmed, rejected, shipped, cancelled (key {@code <day>/<currency>}). */
    public static final Topic<String, DailyOrderTotals> ORDER_DAILY_TOTALS = new Topic<>("orders.daily-totals.v1",
            SerdeSpec.string(), SerdeSpec.avro(DailyOrderTotals.class), DOMAIN_PARTITIONS, true, LATEST_PER_KEY);

    private static final List<Topic<?, ?>> DOMAIN = List.of(
            ORDER_EVENTS, ORDER_COMMANDS, ORDER_STATUS, ORDER_DAILY_TOTALS, STOCK_ADJUSTMENTS, INVENTORY_EVENTS, INVENTORY_ORDER_EVENTS, PAYMENT_EVENTS,
            CUSTOMERS,
            NOTIFICATIONS, NOTIFICATION_DELIVERIES);

    /*
     * Change data capture: Debezium's PostgreSQL source (connectors/config/10-postgres-source.json) writes
     * each captured table to cdc.public.<table>, one flattened row per change with __op, __lsn and
     * __deleted, key = the row's primary key. Kafka Connect's converter registers their schemas as the
     * columns evolve. Declared here so they exist, partitioned for the intake topologies, before the
     * connector starts. Tables holding current state are compacted; tables of facts are kept.
     */
    public static final Topic<GenericRecord, GenericRecord> CDC_USERS = cdc("users", LATEST_PER_KEY);
    public static final Topic<GenericRecord, GenericRecord> CDC_PRODUCTS = cdc("products", LATEST_PER_KEY);
    public static final Topic<GenericRecord, GenericRecord> CDC_ORDERS = cdc("orders", KEEP_FOREVER);
    public static final Topic<GenericRecord, GenericRecord> CDC_ORDER_COMMANDS = cdc("order_commands", KEEP_FOREVER);
    public static final Topic<GenericRecord, GenericRecord> CDC_STOCK_ADJUSTMENTS = cdc("stock_adjustments", KEEP_FOREVER);

    private static final List<Topic<?, ?>> CDC = List.of(CDC_USERS, CDC_PRODUCTS, CDC_ORDERS, CDC_ORDER_COMMANDS,
            CDC_STOCK_ADJUSTMENTS);

    /**
     * Where the JDBC sinks put records they cannot convert (Kafka Connect's own dead-letter queue:
     * the original bytes, the reason in the record's headers). Declared here rather than in an app
     * because no app owns them: like the CDC topics, they belong to the connectors in
     * connectors/config and must exist before those start.
     */
    public static final Topic<byte[], byte[]> ORDER_STATUS_SINK_DEAD_LETTERS = connectDeadLetter("order-status-sink");
    public static final Topic<byte[], byte[]> DAILY_TOTALS_SINK_DEAD_LETTERS = connectDeadLetter("daily-totals-sink");

    private static final List<Topic<?, ?>> CONNECT_DEAD_LETTERS = List.of(ORDER_STATUS_SINK_DEAD_LETTERS,
            DAILY_TOTALS_SINK_DEAD_LETTERS);

    private Topics() {
    }

    /**
     * The dead-letter topic of one Streams application: {@code <application.id>.dead-letter}.
     * Its key is the original record's key bytes; its value says where the record came from and why
     * it could not be processed. One partition keeps dead letters in the order they happened. Each
     * app declares its own from its application id: the platform knows no app.
     */
    public static Topic<byte[], DeadLetter> deadLetter(String applicationId) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("an application id is required for its dead-letter topic");
        }
        return new Topic<>(applicationId + ".dead-letter", SerdeSpec.bytes(), SerdeSpec.avro(DeadLetter.class), 1,
                KEEP_FOREVER);
    }

    private static Topic<byte[], byte[]> connectDeadLetter(String connector) {
        return new Topic<>("connect." + connector + ".dead-letter", SerdeSpec.bytes(), SerdeSpec.bytes(), 1, KEEP_FOREVER);
    }

    private static Topic<GenericRecord, GenericRecord> cdc(String table, Map<String, String> config) {
        return new Topic<>("cdc.public." + table, SerdeSpec.changeEvent(), SerdeSpec.changeEvent(), DOMAIN_PARTITIONS,
                true, config);
    }

    /** The change-data-capture topics of the write side's tables. */
    public static List<Topic<?, ?>> cdc() {
        return CDC;
    }

    /** Every domain topic, in a stable order. */
    public static List<Topic<?, ?>> domain() {
        return DOMAIN;
    }

    /**
     * Every topic no single app owns: domain, change-data-capture and Connect dead-letter topics.
     * The apps' own dead-letter topics come from the apps ({@link #deadLetter}).
     */
    public static List<Topic<?, ?>> shared() {
        return Stream.of(DOMAIN, CDC, CONNECT_DEAD_LETTERS).flatMap(List::stream).toList();
    }
}

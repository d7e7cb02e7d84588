package org.commercecore.analytics.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;
import org.commercecore.analytics.sales.Money;

/**
 * The flat analytics tables, built from flat events (pure: no I/O). One row per fact, each with
 * its source partition and offset (unique per table, for lineage and de-duplication) and the UTC
 * {@code day} it happened on, which partitions the tables. docs/analytics.md documents each column.
 */
public final class AnalyticsTables {
    public static final String ORDERS = "orders";
    public static final String ORDER_LINES = "order_lines";
    public static final String ORDER_STATUS_CHANGES = "order_status_changes";
    public static final String PAYMENTS = "payments";
    public static final String STOCK_MOVEMENTS = "stock_movements";
    public static final List<String> ALL = List.of(ORDERS, ORDER_LINES, ORDER_STATUS_CHANGES, PAYMENTS, STOCK_MOVEMENTS);

    private AnalyticsTables() {
    }

    public static Dataset<Row> orders(Dataset<Row> orderEvents, List<String> currencies) {
        return orderEvents.where(col("kind").equalTo(OrderEvents.PLACED)).select(
                col("order_id"), col("customer_id"), col("currency"), col("total_minor"),
                Money.major(col("total_minor"), col("currency"), currencies).as("total"),
                size(col("lines")).as("line_count"), col("placed_at"), col("event_id"),
                col("partition").as("source_partition"), col("offset").as("source_offset"), day("placed_at"));
    }

    public static Dataset<Row> orderLines(Dataset<Row> orderEvents, List<String> currencies) {
        Column quantity = col("line.quantity");
        Column unitPrice = col("line.unit_price_minor");
        Column lineTotal = quantity.cast("long").multiply(unitPrice);
        return orderEvents.where(col("kind").equalTo(OrderEvents.PLACED))
                .select(col("*"), explode(col("lines")).as("line"))
                .select(col("order_id"), col("line.line_no").as("line_no"), col("line.sku").as("sku"), quantity.as("quantity"),
                        unitPrice.as("unit_price_minor"), Money.major(unitPrice, col("currency"), currencies).as("unit_price"),
                        lineTotal.as("line_total_minor"), Money.major(lineTotal, col("currency"), currencies).as("line_total"),
                        col("currency"), col("placed_at"), col("event_id"), col("partition").as("source_partition"), col("offset").as("source_offset"), day("placed_at"));
    }

    public static Dataset<Row> orderStatusChanges(Dataset<Row> orderEvents) {
        return orderEvents.where(col("kind").equalTo(OrderEvents.STATUS_CHANGED)).select(
                col("order_id"), col("from_status"), col("to_status"), col("reason_code"), col("reason"),
                col("occurred_at"), col("event_id"), col("partition").as("source_partition"), col("offset").as("source_offset"), day("occurred_at"));
    }

    public static Dataset<Row> payments(Dataset<Row> paymentEvents, List<String> currencies) {
        return paymentEvents.select(
                col("payment_id"), col("order_id"), col("kind"), col("amount_minor"),
                Money.major(col("amount_minor"), col("currency"), currencies).as("amount"), col("currency"),
                col("decline_code"), col("reason"), col("occurred_at"), col("event_id"), col("partition").as("source_partition"), col("offset").as("source_offset"), day("occurred_at"));
    }

    /** Every stock event; a movement's quantity is signed as it moves available stock (a release adds back). */
    public static Dataset<Row> stockMovements(Dataset<Row> inventoryEvents) {
        Column signed = functions.when(col("kind").equalTo(InventoryEvents.RESERVED), col("quantity").multiply(-1))
                .when(col("kind").equalTo(InventoryEvents.RELEASED), col("quantity"))
                .otherwise(functions.lit(0));
        return inventoryEvents.select(
                col("sku"), col("kind"), col("order_id"), col("line_no"), col("quantity"), signed.as("available_change"),
                col("available"), col("on_hand_after"), col("threshold"), col("reason"), col("occurred_at"), col("event_id"),
                col("partition").as("source_partition"), col("offset").as("source_offset"), day("occurred_at"));
    }

    private static Column day(String timestamp) {
        return to_date(col(timestamp)).as("day");
    }
}

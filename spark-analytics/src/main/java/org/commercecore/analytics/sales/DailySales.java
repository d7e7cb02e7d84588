package org.commercecore.analytics.sales;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;

/**
 * The daily sales figures, computed from flat order, payment and inventory events (see
 * {@code docs/analytics.md} for every column's meaning). A day is a UTC calendar day of the event's
 * {@code occurred_at}; an order status change counts in the currency of the order it changes, so
 * the orders read must reach back to where those orders were placed.
 *
 * <p>Pure: no I/O, the same events give the same figures; {@link DailySalesJob} reads and writes.
 */
public final class DailySales {
    static final String DAY = "day";

    private DailySales() {
    }

    /** The four tables of one run, each holding only the days of the range. */
    public record Figures(Dataset<Row> sales, Dataset<Row> skus, Dataset<Row> rejections, Dataset<Row> stock,
            Dataset<Row> unattributed) {
    }

    public static Figures compute(Dataset<Row> orders, Dataset<Row> payments, Dataset<Row> inventory,
            LocalDate first, LocalDate last) {
        Column inRange = col(DAY).between(lit(first.toString()).cast("date"), lit(last.toString()).cast("date"));
        Dataset<Row> orderEvents = withDay(orders.dropDuplicates("event_id"));
        Dataset<Row> placed = orderEvents.where(col("kind").equalTo(OrderEvents.PLACED))
                .select(col("order_id"), col("currency"), col("total_minor"), col("lines"), col(DAY))
                .dropDuplicates("order_id");
        Dataset<Row> changes = orderEvents.where(col("kind").equalTo(OrderEvents.STATUS_CHANGED))
                .select(col("order_id"), col("to_status"), col("reason_code"), col(DAY))
                .join(placed.select(col("order_id"), col("currency"), col("total_minor"), col("lines")), "order_id", "left");
        Dataset<Row> paymentEvents = withDay(payments.dropDuplicates("event_id"));
        List<String> currencies = placed.select("currency").union(paymentEvents.select("currency")).distinct()
                .where(col("currency").isNotNull()).as(Encoders.STRING()).collectAsList();

        Dataset<Row> sales = sales(placed, changes, paymentEvents, currencies).where(inRange);
        Dataset<Row> skus = skus(changes, currencies).where(inRange);
        Dataset<Row> rejections = changes.where(col("to_status").equalTo("REJECTED").and(col("currency").isNotNull()))
                .groupBy(col(DAY), col("currency"), col("reason_code"))
                .agg(count(lit(1)).as("orders_rejected"))
                .where(inRange);
        Dataset<Row> stock = stock(withDay(inventory.dropDuplicates("event_id"))).where(inRange);
        Dataset<Row> unattributed = changes.where(col("currency").isNull().and(inRange)).select("order_id", DAY, "to_status");
        return new Figures(sales, skus, rejections, stock, unattributed);
    }

    private static Dataset<Row> withDay(Dataset<Row> events) {
        return events.withColumn(DAY, to_date(col("occurred_at")));
    }

    /**
     * Every fact as one row of counters, summed per day and currency in one aggregation. Conversion
     * is by cohort: of the orders placed that day, those confirmed in anything read.
     */
    private static Dataset<Row> sales(Dataset<Row> placed, Dataset<Row> changes, Dataset<Row> payments, List<String> currencies) {
        Dataset<Row> placedFacts = placed.select(col(DAY), col("currency"),
                lit(1L).as("orders_placed"), zero("orders_confirmed"), zero("orders_rejected"), zero("orders_cancelled"),
                zero("orders_shipped"), zero("revenue_minor"), zero("refunds_minor"), zero("captured_minor"),
                zero("placed_then_confirmed"));
        Dataset<Row> statusFacts = changes.where(col("currency").isNotNull()).select(col(DAY), col("currency"),
                zero("orders_placed"), flag("CONFIRMED").as("orders_confirmed"), flag("REJECTED").as("orders_rejected"),
                flag("CANCELLED").as("orders_cancelled"), flag("SHIPPED").as("orders_shipped"),
                when(col("to_status").equalTo("CONFIRMED"), col("total_minor")).otherwise(0L).as("revenue_minor"),
                zero("refunds_minor"), zero("captured_minor"), zero("placed_then_confirmed"));
        Dataset<Row> paymentFacts = payments.where(col("currency").isNotNull()).select(col(DAY), col("currency"),
                zero("orders_placed"), zero("orders_confirmed"), zero("orders_rejected"), zero("orders_cancelled"),
                zero("orders_shipped"), zero("revenue_minor"),
                when(col("kind").equalTo(PaymentEvents.REFUNDED), col("amount_minor")).otherwise(0L).as("refunds_minor"),
                when(col("kind").equalTo(PaymentEvents.CAPTURED), col("amount_minor")).otherwise(0L).as("captured_minor"),
                zero("placed_then_confirmed"));
        Dataset<Row> confirmedIds = changes.where(col("to_status").equalTo("CONFIRMED")).select("order_id").distinct();
        Dataset<Row> cohortFacts = placed.join(confirmedIds, "order_id", "left_semi").select(col(DAY), col("currency"),
                zero("orders_placed"), zero("orders_confirmed"), zero("orders_rejected"), zero("orders_cancelled"),
                zero("orders_shipped"), zero("revenue_minor"), zero("refunds_minor"), zero("captured_minor"),
                lit(1L).as("placed_then_confirmed"));

        Dataset<Row> totals = placedFacts.unionByName(statusFacts).unionByName(paymentFacts).unionByName(cohortFacts)
                .groupBy(col(DAY), col("currency"))
                .agg(sum("orders_placed").as("orders_placed"), sum("orders_confirmed").as("orders_confirmed"),
                        sum("orders_rejected").as("orders_rejected"), sum("orders_cancelled").as("orders_cancelled"),
                        sum("orders_shipped").as("orders_shipped"), sum("revenue_minor").as("revenue_minor"),
                        sum("refunds_minor").as("refunds_minor"), sum("captured_minor").as("captured_minor"),
                        sum("placed_then_confirmed").as("placed_then_confirmed"));
        Column revenue = Money.major(col("revenue_minor"), col("currency"), currencies);
        return totals.select(col(DAY), col("currency"),
                col("orders_placed"), col("orders_confirmed"), col("orders_rejected"), col("orders_cancelled"), col("orders_shipped"),
                col("revenue_minor"), revenue.as("revenue"),
                col("refunds_minor"), Money.major(col("refunds_minor"), col("currency"), currencies).as("refunds"),
                col("captured_minor"), Money.major(col("captured_minor"), col("currency"), currencies).as("captured"),
                when(col("orders_confirmed").gt(0), round(revenue.divide(col("orders_confirmed")), 4))
                        .cast(Money.DECIMAL_TYPE).as("average_order_value"),
                when(col("orders_placed").gt(0), round(col("placed_then_confirmed").cast("decimal(20,0)")
                        .divide(col("orders_placed")), 4)).cast("decimal(5,4)").as("conversion_rate"));
    }

    /** Units and revenue per SKU from the lines of the orders confirmed that day, ranked by revenue. */
    private static Dataset<Row> skus(Dataset<Row> changes, List<String> currencies) {
        Dataset<Row> lines = changes.where(col("to_status").equalTo("CONFIRMED").and(col("currency").isNotNull()))
                .select(col(DAY), col("currency"), explode(col("lines")).as("line"));
        Dataset<Row> perSku = lines.groupBy(col(DAY), col("currency"), col("line.sku").as("sku"))
                .agg(sum(col("line.quantity").cast("long")).as("units"),
                        sum(col("line.quantity").cast("long").multiply(col("line.unit_price_minor"))).as("revenue_minor"));
        return perSku.select(col(DAY), col("currency"), col("sku"), col("units"), col("revenue_minor"),
                Money.major(col("revenue_minor"), col("currency"), currencies).as("revenue"),
                row_number().over(Window.partitionBy(DAY, "currency")
                        .orderBy(col("revenue_minor").desc(), col("units").desc(), col("sku"))).as("rank"));
    }

    /** Stock movements per SKU and day; stock has no currency. */
    private static Dataset<Row> stock(Dataset<Row> inventory) {
        return inventory.groupBy(col(DAY), col("sku")).agg(
                sum(quantityOf(InventoryEvents.RESERVED)).as("units_reserved"),
                sum(quantityOf(InventoryEvents.RELEASED)).as("units_released"),
                sum(quantityOf(InventoryEvents.COMMITTED)).as("units_committed"),
                sum(when(col("kind").equalTo(InventoryEvents.REJECTED), 1L).otherwise(0L)).as("reservations_rejected"),
                sum(when(col("kind").equalTo(InventoryEvents.LOW_STOCK), 1L).otherwise(0L)).as("low_stock_alerts"));
    }

    private static Column quantityOf(String kind) {
        return when(col("kind").equalTo(kind), col("quantity").cast("long")).otherwise(0L);
    }

    private static Column flag(String status) {
        return when(col("to_status").equalTo(status), 1L).otherwise(0L);
    }

    private static Column zero(String name) {
        return lit(0L).as(name);
    }
}

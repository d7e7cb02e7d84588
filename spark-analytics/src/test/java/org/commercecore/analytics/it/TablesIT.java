package org.commercecore.analytics.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;
import org.commercecore.analytics.fixtures.Events;
import org.commercecore.analytics.fixtures.Events.Line;
import org.commercecore.analytics.fixtures.KnownSales;
import org.commercecore.analytics.run.Progress;
import org.commercecore.analytics.source.Sources;
import org.commercecore.analytics.tables.AnalyticsTables;
import org.commercecore.analytics.tables.TablesJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics tables on a real broker and registry: a first run, a second that appends only
 * what was written since, a third with nothing new, and a full rebuild giving the same rows; the
 * tables read back with the documented columns. Other tests write to the same topics, so this
 * one looks at its own orders (ids prefixed "tables-") only.
 */
class TablesIT {
    private static final Instant AT = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void appendsOnlyNewEventsOnceAndRebuildsTheSameTables() {
        InfrastructureProcess stack = InfrastructureProcess.shared();
        Topics topics = new Topics(stack);
        SparkSession spark = LocalSpark.session();
        String warehouse = dir.resolve("warehouse").toString();
        topics.write(List.of(order("tables-1", "EUR", 2, 1250), order("tables-2", "JPY", 1, 300)));

        TablesJob.Outcome first = job(stack, spark, warehouse).run(false);
        assertThat(ours(spark, warehouse, AnalyticsTables.ORDERS)).isEqualTo(2);
        assertThat(first.offsets()).containsKeys(OrderEvents.TOPIC, PaymentEvents.TOPIC, InventoryEvents.TOPIC);

        topics.write(List.of(order("tables-3", "EUR", 1, 999),
                new KnownSales.Record(PaymentEvents.TOPIC, "tables-3", AT,
                        Events.payment(PaymentEvents.AUTHORIZED, "tables-3", 999, "EUR", AT), null),
                new KnownSales.Record(InventoryEvents.TOPIC, "SKU-T", AT,
                        Events.reserved("SKU-T", "tables-3", 1, 1, 4, AT), null)));
        TablesJob.Outcome second = job(stack, spark, warehouse).run(false);
        assertThat(second.rowsAppended()).containsEntry(AnalyticsTables.ORDERS, 1L).containsEntry(AnalyticsTables.PAYMENTS, 1L)
                .containsEntry(AnalyticsTables.STOCK_MOVEMENTS, 1L).containsEntry(AnalyticsTables.ORDER_LINES, 1L);
        assertThat(ours(spark, warehouse, AnalyticsTables.ORDERS)).isEqualTo(3);

        TablesJob.Outcome third = job(stack, spark, warehouse).run(false);
        assertThat(third.rowsAppended()).isEmpty();
        assertThat(third.offsets()).isEqualTo(second.offsets());

        List<Row> before = spark.read().parquet(warehouse + "/tables/" + AnalyticsTables.ORDER_LINES)
                .where(col("order_id").startsWith("tables-")).orderBy("order_id").collectAsList();
        job(stack, spark, warehouse).run(true);
        List<Row> rebuilt = spark.read().parquet(warehouse + "/tables/" + AnalyticsTables.ORDER_LINES)
                .where(col("order_id").startsWith("tables-")).orderBy("order_id").collectAsList();
        assertThat(rebuilt).isEqualTo(before);
        assertThat(ours(spark, warehouse, AnalyticsTables.ORDERS)).isEqualTo(3);

        Dataset<Row> orders = spark.read().parquet(warehouse + "/tables/" + AnalyticsTables.ORDERS);
        assertThat(orders.columns()).containsExactly("order_id", "customer_id", "currency", "total_minor", "total",
                "line_count", "placed_at", "event_id", "source_partition", "source_offset", "day");
        assertThat(orders.schema().apply("total").dataType().simpleString()).isEqualTo("decimal(24,4)");
        assertThat(orders.schema().apply("placed_at").dataType().simpleString()).isEqualTo("timestamp");
        Row eur = orders.where(col("order_id").equalTo("tables-1")).first();
        assertThat((Object) eur.getAs("total")).isEqualTo(new java.math.BigDecimal("25.0000"));
        assertThat((Object) eur.getAs("day")).isEqualTo(LocalDate.of(2026, 11, 20));
        Row yen = orders.where(col("order_id").equalTo("tables-2")).first();
        assertThat((Object) yen.getAs("total")).isEqualTo(new java.math.BigDecimal("300.0000"));
        assertThat(Arrays.asList(spark.read().parquet(warehouse + "/tables/" + AnalyticsTables.STOCK_MOVEMENTS).columns()))
                .contains("sku", "kind", "order_id", "quantity", "available_change", "occurred_at", "day");
        assertThat(Arrays.asList(spark.read().parquet(warehouse + "/tables/" + AnalyticsTables.PAYMENTS).columns()))
                .contains("payment_id", "order_id", "kind", "amount_minor", "amount", "currency", "occurred_at", "day");
    }

    private static long ours(SparkSession spark, String warehouse, String table) {
        Dataset<Row> rows = spark.read().parquet(warehouse + "/tables/" + table).where(col("order_id").startsWith("tables-"));
        assertThat(rows.select("order_id").distinct().count()).as("no order twice in " + table).isEqualTo(rows.count());
        return rows.count();
    }

    private static TablesJob job(InfrastructureProcess stack, SparkSession spark, String warehouse) {
        Sources sources = new Sources(stack.get("COMMERCE_KAFKA_BOOTSTRAP_SERVERS"), Map.of(),
                URI.create(stack.get("COMMERCE_REGISTRY_URL")));
        return new TablesJob(spark, sources, warehouse, new Progress("tables", 7, System.out));
    }

    private static KnownSales.Record order(String id, String currency, int quantity, long price) {
        return new KnownSales.Record(OrderEvents.TOPIC, id, AT,
                Events.placed(Events.ORDER_V2, id, "c-" + id, currency, AT, new Line("SKU-T", quantity, price)), null);
    }
}

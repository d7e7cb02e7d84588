package org.commercecore.analytics.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.commercecore.analytics.decode.FramedAvro;
import org.commercecore.analytics.decode.RegistryWriterSchemas;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;
import org.commercecore.analytics.run.Progress;
import org.commercecore.analytics.source.EventSource;
import org.commercecore.analytics.source.KafkaSource;
import org.commercecore.analytics.source.Sources;

/**
 * {@code tables}: appends the events recorded since the last run to the flat analytics tables
 * ({@link AnalyticsTables}), or rebuilds them from the topics' beginning on request. What has been
 * read is tracked per topic partition in the tables' checkpoint ({@link TableStore}).
 */
public final class TablesJob {
    private static final Map<String, UnaryOperator<Dataset<Row>>> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put(OrderEvents.TOPIC, OrderEvents::flatten);
        TOPICS.put(PaymentEvents.TOPIC, PaymentEvents::flatten);
        TOPICS.put(InventoryEvents.TOPIC, InventoryEvents::flatten);
    }

    private final SparkSession spark;
    private final Sources sources;
    private final TableStore store;
    private final Progress progress;

    public TablesJob(SparkSession spark, Sources sources, String warehouse, Progress progress) {
        this.spark = spark;
        this.sources = sources;
        this.store = new TableStore(warehouse.replaceAll("/+$", "") + "/tables", spark.sparkContext().hadoopConfiguration());
        this.progress = progress;
    }

    /** Rows appended per table (all of them on a rebuild), and the records that could not be decoded. */
    public record Outcome(Map<String, Long> rowsAppended, long undecodable, Map<String, Map<Integer, Long>> offsets) {
    }

    public Outcome run(boolean rebuild) {
        progress.step("recovering the last run", store::recover, what -> what);
        if (rebuild) {
            progress.step("clearing the tables for a full rebuild", () -> {
                store.clear();
                return "";
            }, x -> "every table and the checkpoint removed");
        }
        Map<String, Map<Integer, Long>> offsets = store.committedOffsets();
        EventSource events = new EventSource(new KafkaSource(spark, sources.bootstrapServers(), sources.kafkaOptions()),
                new FramedAvro(new RegistryWriterSchemas(sources.registryUrl())));

        Map<String, EventSource.Events> read = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> next = new TreeMap<>(offsets);
        for (Map.Entry<String, UnaryOperator<Dataset<Row>>> topic : TOPICS.entrySet()) {
            Map<Integer, Long> from = offsets.getOrDefault(topic.getKey(), Map.of());
            EventSource.Events e = progress.step("reading " + topic.getKey() + (from.isEmpty() ? " from its beginning"
                    : " after offsets " + from), () -> events.from(topic.getKey(), from, topic.getValue()),
                    EventSource.Events::summary);
            read.put(topic.getKey(), e);
            Map<Integer, Long> advanced = new TreeMap<>(from);
            e.records().groupBy("partition").agg(max("offset").as("last")).collectAsList()
                    .forEach(r -> advanced.put(r.getInt(0), r.getLong(1) + 1));
            next.put(topic.getKey(), advanced);
        }
        Dataset<Row> undecodable = read.values().stream().map(EventSource.Events::undecodable)
                .reduce(Dataset::unionByName).orElseThrow().cache();
        long bad = undecodable.count();
        undecodable.orderBy("topic", "partition", "offset").limit(20).collectAsList()
                .forEach(r -> progress.note("undecodable: " + r.getAs("topic") + " partition " + r.getAs("partition")
                        + " offset " + r.getAs("offset") + ": " + r.getAs("reason")));
        if (next.equals(offsets)) {
            progress.note("nothing new since the last run");
            return new Outcome(Map.of(), bad, offsets);
        }

        // a redelivered event (same event_id at a later offset) lands once per run; across runs see docs/analytics.md
        Dataset<Row> orders = read.get(OrderEvents.TOPIC).rows().dropDuplicates("event_id");
        Dataset<Row> payments = read.get(PaymentEvents.TOPIC).rows().dropDuplicates("event_id");
        List<String> currencies = orders.select("currency").union(payments.select("currency")).distinct()
                .where(col("currency").isNotNull()).as(Encoders.STRING()).collectAsList();
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(AnalyticsTables.ORDERS, AnalyticsTables.orders(orders, currencies));
        tables.put(AnalyticsTables.ORDER_LINES, AnalyticsTables.orderLines(orders, currencies));
        tables.put(AnalyticsTables.ORDER_STATUS_CHANGES, AnalyticsTables.orderStatusChanges(orders));
        tables.put(AnalyticsTables.PAYMENTS, AnalyticsTables.payments(payments, currencies));
        tables.put(AnalyticsTables.STOCK_MOVEMENTS, AnalyticsTables.stockMovements(read.get(InventoryEvents.TOPIC).rows().dropDuplicates("event_id")));

        Map<String, Long> appended = new LinkedHashMap<>();
        progress.step("writing the new rows to staging", () -> {
            tables.forEach((name, rows) -> {
                Dataset<Row> cached = rows.cache();
                appended.put(name, cached.count());
                cached.write().mode(SaveMode.Overwrite).partitionBy("day").parquet(store.staging(name));
            });
            return appended;
        }, Map::toString);
        progress.step("committing offsets " + next, () -> store.commit(next), moved -> moved + " files moved into the tables");
        return new Outcome(appended, bad, next);
    }
}

package org.commercecore.analytics.sales;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.commercecore.analytics.decode.FramedAvro;
import org.commercecore.analytics.decode.RegistryWriterSchemas;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;
import org.commercecore.analytics.report.HtmlSummary;
import org.commercecore.analytics.report.ReportData;
import org.commercecore.analytics.report.SalesCharts;
import org.commercecore.analytics.run.Progress;
import org.commercecore.analytics.source.EventSource;
import org.commercecore.analytics.source.KafkaSource;
import org.commercecore.analytics.source.Sources;

/**
 * {@code daily-sales}: one day's (or a range of days') figures from the order, payment and
 * inventory events, written as Parquet tables partitioned by day, into PostgreSQL, and as a report
 * (charts and an HTML summary). Every output replaces exactly the days of the range.
 */
public final class DailySalesJob {
    public static final List<String> TABLES = List.of("daily_sales", "daily_sku_sales", "daily_rejections", "daily_stock");
    private static final int UNDECODABLE_SHOWN = 20;

    private final SparkSession spark;
    private final Settings settings;
    private final Progress progress;

    /**
     * @param lookback how far before the range's first day the orders are read, to find the
     *     currency and lines of orders placed earlier whose status changes within the range
     * @param grace how far around the range events are read, for records whose Kafka timestamp and
     *     {@code occurred_at} fall on either side of midnight (and for late confirmations of the last
     *     day's orders, which the conversion rate counts)
     * @param warehouse where the Parquet tables live (any Hadoop file system URI)
     * @param reports local directory the report of each run goes to, one sub-directory per last day
     * @param postgres where the tables are also written, if anywhere
     */
    public record Settings(Sources sources, LocalDate first, LocalDate last, Duration lookback, Duration grace,
            String warehouse, Path reports, int chartDays, int topSkus, Optional<PostgresLogin> postgres) {
    }

    public record PostgresLogin(String url, String user, String password) {
    }

    /** What a run produced, for its caller and tests. */
    public record Outcome(long events, long undecodable, Map<String, Long> rowsWritten, Path report, List<Path> charts) {
    }

    public DailySalesJob(SparkSession spark, Settings settings, Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.progress = progress;
    }

    public Outcome run() {
        LocalDate first = settings.first();
        LocalDate last = settings.last();
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        EventSource events = new EventSource(
                new KafkaSource(spark, settings.sources().bootstrapServers(), settings.sources().kafkaOptions()),
                new FramedAvro(new RegistryWriterSchemas(settings.sources().registryUrl())));

        EventSource.Events orders = progress.step("reading " + OrderEvents.TOPIC,
                () -> events.between(OrderEvents.TOPIC, start.minus(settings.lookback()), end.plus(settings.grace()),
                        OrderEvents::flatten), EventSource.Events::summary);
        EventSource.Events payments = progress.step("reading " + PaymentEvents.TOPIC,
                () -> events.between(PaymentEvents.TOPIC, start.minus(settings.grace()), end.plus(settings.grace()),
                        PaymentEvents::flatten), EventSource.Events::summary);
        EventSource.Events inventory = progress.step("reading " + InventoryEvents.TOPIC,
                () -> events.between(InventoryEvents.TOPIC, start.minus(settings.grace()), end.plus(settings.grace()),
                        InventoryEvents::flatten), EventSource.Events::summary);
        Dataset<Row> undecodable = orders.undecodable().unionByName(payments.undecodable()).unionByName(inventory.undecodable())
                .orderBy("topic", "partition", "offset").cache();

        DailySales.Figures figures = progress.step("computing the figures for " + range(), () -> cached(
                DailySales.compute(orders.rows(), payments.rows(), inventory.rows(), first, last)),
                f -> f.sales().count() + " day-currency rows, " + f.skus().count() + " SKU rows, "
                        + f.unattributed().count() + " status changes of orders placed before the lookback");
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(TABLES.get(0), figures.sales());
        tables.put(TABLES.get(1), figures.skus());
        tables.put(TABLES.get(2), figures.rejections());
        tables.put(TABLES.get(3), figures.stock());

        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        progress.step("writing the Parquet tables under " + settings.warehouse(), () -> {
            tables.forEach((name, rows) -> table(name).replace(rows, days));
            return tables.size();
        }, n -> n + " tables, days " + range() + " replaced");
        Map<String, Long> written = progress.step("writing PostgreSQL", () -> settings.postgres()
                .map(login -> new SalesDatabase(login.url(), login.user(), login.password()).replace(first, last, tables))
                .orElse(Map.of()), w -> w.isEmpty() ? "skipped (no database given)" : w.toString());

        long badCount = undecodable.count();
        List<Row> badSample = undecodable.limit(UNDECODABLE_SHOWN).collectAsList();
        badSample.forEach(r -> progress.note("undecodable: " + describe(r)));
        ReportResult report = progress.step("rendering the report", () -> report(badCount, badSample, undecodable),
                r -> r.index().toString());
        long total = orders.records().count() + payments.records().count() + inventory.records().count();
        progress.note("done in " + String.format("%.1f s", progress.elapsed().toMillis() / 1000.0) + ": " + total
                + " records read, " + badCount + " not decodable; report " + report.index());
        return new Outcome(total - badCount, badCount, written, report.index(), report.charts());
    }

    private record ReportResult(Path index, List<Path> charts) {
    }

    private ReportResult report(long badCount, List<Row> badSample, Dataset<Row> undecodable) {
        LocalDate historyFrom = settings.last().minusDays(settings.chartDays() - 1L);
        LocalDate from = historyFrom.isBefore(settings.first()) ? historyFrom : settings.first();
        List<ReportData.Day> history = rows(table(TABLES.get(0)).read(from, settings.last()), "day", "currency").stream()
                .map(r -> new ReportData.Day(r.getAs("day"), r.getAs("currency"), r.getAs("orders_placed"),
                        r.getAs("orders_confirmed"), r.getAs("orders_rejected"), r.getAs("orders_cancelled"),
                        r.getAs("orders_shipped"), r.getAs("revenue"), r.getAs("refunds"),
                        r.getAs("average_order_value"), r.getAs("conversion_rate")))
                .toList();
        List<ReportData.Sku> top = topSkus(table(TABLES.get(1)).read(settings.first(), settings.last()));
        List<ReportData.Rejection> rejections = rows(table(TABLES.get(2)).read(from, settings.last()), "day", "currency").stream()
                .map(r -> new ReportData.Rejection(r.getAs("day"), r.getAs("currency"), r.getAs("reason_code"),
                        r.getAs("orders_rejected")))
                .toList();
        ReportData data = new ReportData(settings.first(), settings.last(), history, top, rejections, badCount,
                badSample.stream().map(DailySalesJob::describe).toList());
        Path dir = settings.reports().resolve(settings.first().equals(settings.last())
                ? settings.last().toString() : settings.first() + "_" + settings.last());
        try {
            Files.createDirectories(dir);
            List<String> csv = new ArrayList<>(List.of("topic,partition,offset,reason"));
            undecodable.toLocalIterator().forEachRemaining(r -> csv.add(r.getAs("topic") + "," + r.getAs("partition") + ","
                    + r.getAs("offset") + ",\"" + ((String) r.getAs("reason")).replace("\"", "\"\"") + "\""));
            Files.write(dir.resolve("undecodable.csv"), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
        List<SalesCharts.Chart> charts = SalesCharts.render(data, historyFrom, dir);
        return new ReportResult(HtmlSummary.write(data, charts, dir), charts.stream().map(SalesCharts.Chart::file).toList());
    }

    /** The range's best SKUs per currency by revenue (ties: more units, then SKU), ranked anew over the whole range. */
    private List<ReportData.Sku> topSkus(Dataset<Row> skus) {
        if (skus == null) {
            return List.of();
        }
        Dataset<Row> totals = skus.groupBy("currency", "sku")
                .agg(functions.sum("units").as("units"), functions.sum("revenue_minor").as("revenue_minor"),
                        functions.sum("revenue").cast(Money.DECIMAL_TYPE).as("revenue"))
                .withColumn("rank", functions.row_number().over(Window.partitionBy("currency")
                        .orderBy(col("revenue_minor").desc(), col("units").desc(), col("sku"))))
                .where(col("rank").leq(settings.topSkus()));
        return rows(totals, "currency", "rank").stream()
                .map(r -> new ReportData.Sku(r.getAs("currency"), r.getAs("sku"), r.getAs("units"),
                        (BigDecimal) r.getAs("revenue"), r.getAs("rank")))
                .toList();
    }

    private static List<Row> rows(Dataset<Row> table, String... order) {
        return table == null ? List.of() : table.orderBy(order[0], java.util.Arrays.copyOfRange(order, 1, order.length))
                .collectAsList();
    }

    private DayPartitions table(String name) {
        return new DayPartitions(spark, settings.warehouse().replaceAll("/+$", "") + "/" + name);
    }

    private static DailySales.Figures cached(DailySales.Figures f) {
        return new DailySales.Figures(f.sales().cache(), f.skus().cache(), f.rejections().cache(), f.stock().cache(),
                f.unattributed().cache());
    }

    private String range() {
        return settings.first().equals(settings.last()) ? settings.first().toString() : settings.first() + " to " + settings.last();
    }

    private static String describe(Row r) {
        return r.getAs("topic") + " partition " + r.getAs("partition") + " offset " + r.getAs("offset") + ": " + r.getAs("reason");
    }
}

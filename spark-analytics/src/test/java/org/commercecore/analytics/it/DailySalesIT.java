package org.commercecore.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commercecore.analytics.fixtures.KnownSales.D1;
import static org.commercecore.analytics.fixtures.KnownSales.D2;
import static org.commercecore.analytics.fixtures.KnownSales.D3;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.fixtures.Figures;
import org.commercecore.analytics.fixtures.KnownSales;
import org.commercecore.analytics.run.Progress;
import org.commercecore.analytics.sales.DailySalesJob;
import org.commercecore.analytics.source.Sources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * daily-sales end to end on a real broker, registry and PostgreSQL: the known three days written
 * in transactions (both OrderEvent versions, two undecodable records), the job run over them, its
 * Parquet tables, PostgreSQL tables, charts and summary checked, and a day re-run.
 */
class DailySalesIT {
    private static InfrastructureProcess stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeTheKnownDays() {
        stack = InfrastructureProcess.shared();
        new Topics(stack).write(KnownSales.records());
    }

    @Test
    void computesTheKnownDaysIntoParquetPostgresAndAReportAndReRunsADayAlone() throws Exception {
        SparkSession spark = LocalSpark.session();
        String warehouse = dir.resolve("warehouse").toString();

        DailySalesJob.Outcome outcome = job(warehouse, D1, D3).run();

        assertThat(outcome.undecodable()).isEqualTo(2);
        assertThat(Figures.sales(spark.read().parquet(warehouse + "/daily_sales"))).containsExactlyElementsOf(KnownSales.SALES);
        assertThat(Figures.skus(spark.read().parquet(warehouse + "/daily_sku_sales"))).containsExactlyInAnyOrderElementsOf(KnownSales.SKUS);
        assertThat(Figures.rejections(spark.read().parquet(warehouse + "/daily_rejections")))
                .containsExactlyElementsOf(KnownSales.REJECTIONS);
        assertThat(Figures.stock(spark.read().parquet(warehouse + "/daily_stock"))).containsExactlyElementsOf(KnownSales.STOCK);
        assertThat(Files.list(Path.of(warehouse, "daily_sales")).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("day=")))
                .containsExactlyInAnyOrder("day=" + D1, "day=" + D2, "day=" + D3);

        assertThat(databaseSales()).containsExactlyElementsOf(KnownSales.SALES);
        assertThat(outcome.rowsWritten()).containsEntry("daily_sales", 6L).containsEntry("daily_sku_sales", 5L)
                .containsEntry("daily_rejections", 3L).containsEntry("daily_stock", 5L);

        Path report = outcome.report();
        assertThat(report).isEqualTo(dir.resolve("reports").resolve(D1 + "_" + D3).resolve("index.html"));
        assertThat(outcome.charts()).extracting(p -> p.getFileName().toString()).contains("revenue-EUR.png", "orders-EUR.png",
                "revenue-JPY.png", "top-skus-EUR.png", "rejections.png");
        for (Path chart : outcome.charts()) {
            byte[] png = Files.readAllBytes(chart);
            assertThat(png.length).as(chart.toString()).isGreaterThan(2_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        String html = Files.readString(report);
        assertThat(html).contains("Daily sales " + D1 + " to " + D3, "52.4600", "revenue-EUR.png", "2 record(s) could not be decoded",
                "orders.events.v1 partition", "payments.events.v1 partition");
        assertThat(Files.readAllLines(report.resolveSibling("undecodable.csv"))).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("orders.events.v1,").endsWith(",\"not a Confluent Avro frame\""))
                .anySatisfy(l -> assertThat(l).startsWith("payments.events.v1,")
                        .endsWith(",\"the schema registry holds no schema with id " + KnownSales.UNKNOWN_SCHEMA_ID + "\""));

        // day 3 gains an order after the run; re-running day 3 alone (twice) takes it in and leaves days 1 and 2 as they were
        List<Path> day1Files = files(Path.of(warehouse, "daily_sales", "day=" + D1));
        Map<LocalDate, String> computedAt = computedAt();
        new Topics(stack).write(List.of(KnownSales.placedLaterOnDay3()));

        job(warehouse, D3, D3).run();
        job(warehouse, D3, D3).run();

        List<KnownSales.SalesRow> expected = new ArrayList<>(KnownSales.SALES);
        BigDecimal zero = new BigDecimal("0.0000");
        expected.add(new KnownSales.SalesRow(D3, "USD", 1, 0, 0, 0, 0, zero, zero, zero, null, zero));
        assertThat(Figures.sales(spark.read().parquet(warehouse + "/daily_sales"))).containsExactlyElementsOf(expected);
        assertThat(Figures.skus(spark.read().parquet(warehouse + "/daily_sku_sales"))).containsExactlyInAnyOrderElementsOf(KnownSales.SKUS);
        assertThat(databaseSales()).containsExactlyElementsOf(expected);
        assertThat(files(Path.of(warehouse, "daily_sales", "day=" + D1))).isEqualTo(day1Files);
        Map<LocalDate, String> after = computedAt();
        assertThat(after.get(D1)).isEqualTo(computedAt.get(D1));
        assertThat(after.get(D2)).isEqualTo(computedAt.get(D2));
        assertThat(after.get(D3)).isNotEqualTo(computedAt.get(D3));
    }

    private DailySalesJob job(String warehouse, LocalDate first, LocalDate last) {
        Sources sources = new Sources(stack.get("COMMERCE_KAFKA_BOOTSTRAP_SERVERS"), Map.of(),
                URI.create(stack.get("COMMERCE_REGISTRY_URL")));
        DailySalesJob.Settings settings = new DailySalesJob.Settings(sources, first, last, Duration.ofDays(7), Duration.ofHours(1),
                warehouse, dir.resolve("reports"), 14, 10, Optional.of(new DailySalesJob.PostgresLogin(
                        stack.get("COMMERCE_POSTGRES_URL"), stack.get("COMMERCE_POSTGRES_USER"), stack.get("COMMERCE_POSTGRES_PASSWORD"))));
        return new DailySalesJob(LocalSpark.session(), settings, new Progress("daily-sales", 7, System.out));
    }

    private static List<KnownSales.SalesRow> databaseSales() throws SQLException {
        List<KnownSales.SalesRow> rows = new ArrayList<>();
        try (Connection db = database(); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM analytics.daily_sales ORDER BY day, currency")) {
            while (r.next()) {
                rows.add(new KnownSales.SalesRow(r.getObject("day", LocalDate.class), r.getString("currency"),
                        r.getLong("orders_placed"), r.getLong("orders_confirmed"), r.getLong("orders_rejected"),
                        r.getLong("orders_cancelled"), r.getLong("orders_shipped"), r.getBigDecimal("revenue"),
                        r.getBigDecimal("refunds"), r.getBigDecimal("captured"), r.getBigDecimal("average_order_value"),
                        r.getBigDecimal("conversion_rate")));
            }
        }
        return rows;
    }

    private static Map<LocalDate, String> computedAt() throws SQLException {
        Map<LocalDate, String> at = new java.util.HashMap<>();
        try (Connection db = database(); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT day, max(computed_at)::text FROM analytics.daily_sales GROUP BY day")) {
            while (r.next()) {
                at.put(r.getObject(1, LocalDate.class), r.getString(2));
            }
        }
        return at;
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(stack.get("COMMERCE_POSTGRES_URL"), stack.get("COMMERCE_POSTGRES_USER"),
                stack.get("COMMERCE_POSTGRES_PASSWORD"));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

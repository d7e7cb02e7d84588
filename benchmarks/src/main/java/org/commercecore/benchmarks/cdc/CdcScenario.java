package org.commercecore.benchmarks.cdc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.commercecore.benchmarks.RunContext;
import org.commercecore.benchmarks.measure.LatencySummary;
import org.commercecore.benchmarks.measure.Spread;
import org.commercecore.benchmarks.measure.Tap;
import org.commercecore.benchmarks.measure.Window;
import org.commercecore.benchmarks.report.Charts;
import org.commercecore.benchmarks.report.ReportWriter;
import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.report.TrialResult;
import org.commercecore.platform.topics.Topics;

/**
 * Scenario 3, change data capture: rows inserted into {@code products} in batches (one transaction
 * per batch, JDBC), timed from the first commit until the last row arrived on cdc.public.products at
 * a benchmark consumer, and each row's lag from its batch's commit (client-side time after commit)
 * to its arrival. products is chosen because its rows do not drive the saga: they feed the
 * catalogue views of the query API (which therefore also work during this scenario). In the same
 * trial, the broker's raw produce rate for records of the same size ({@link RawProduce}).
 */
public final class CdcScenario {
    private static final String ID = "cdc";
    static final String CDC_RATE = "CDC rows/s (first commit to last row on the topic)";
    static final String RAW_RATE = "raw produce records/s (idempotent, acks=all)";

    private final RunContext ctx;

    public CdcScenario(RunContext ctx) {
        this.ctx = ctx;
    }

    public ScenarioResult run() {
        List<TrialResult> trials = new ArrayList<>();
        for (int t = 1; t <= ctx.sizes().trials(); t++) {
            ctx.progress().say(ID, "trial %d/%d: %d rows in batches of %d", t, ctx.sizes().trials(), ctx.sizes().cdcRows(), ctx.sizes().cdcBatch());
            trials.add(trial(t));
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("CDC (PostgreSQL -> Debezium -> Kafka)", median(trials, CDC_RATE));
        bars.put("raw produce (same record size)", median(trials, RAW_RATE));
        Path chart = Charts.bars(ctx.chart("cdc-vs-raw.png"), "CDC rows/s against the broker's raw produce rate (median)", "records/s", bars);
        return new ScenarioResult(ID, "Change data capture",
                ctx.sizes().cdcRows() + " rows inserted into public.products in transactions of " + ctx.sizes().cdcBatch() + " rows (JDBC, "
                        + "one connection), captured by Debezium (pgoutput) through Kafka Connect into cdc.public.products (Avro through "
                        + "the registry), read by a benchmark consumer. Lag is from the client-side time right after a batch's commit "
                        + "to each of its rows' arrival. Raw produce: a plain idempotent producer (acks=all, linger 5 ms, 256 KiB batches) "
                        + "writing as many records of the same average size (key + value) to a scratch topic of 4 partitions.",
                List.of("Per order here means per row."), trials, List.of(ctx.relativeToReport(chart)));
    }

    private TrialResult trial(int trial) {
        var stack = ctx.stack();
        int rows = ctx.sizes().cdcRows();
        int batch = ctx.sizes().cdcBatch();
        String marker = String.format(Locale.ROOT, "CDC%06X-", (int) (System.nanoTime() & 0xffffff));
        byte[] markerBytes = marker.getBytes(StandardCharsets.US_ASCII);
        Map<Integer, Long> arrived = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        long[] committedAt = new long[(rows + batch - 1) / batch];
        Window window;
        try (Tap tap = new Tap(stack.bootstrap(), List.of(Topics.CDC_PRODUCTS.name()), (r, at) -> {
            int n = number(r.key(), markerBytes);
            if (n >= 0 && arrived.putIfAbsent(n, at) == null) {
                bytes.addAndGet((r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length));
                lastArrival.set(at);
            }
        }, "cdc");
             Connection db = DriverManager.getConnection(stack.postgresUrl(), stack.postgresUser(), stack.postgresPassword())) {
            db.setAutoCommit(false);
            window = Window.open(ctx.cpu(), stack.admin());
            long first = 0;
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO products (sku, name, price_minor, currency, low_stock_threshold) VALUES (?, ?, ?, 'EUR', 0)")) {
                for (int b = 0; b * batch < rows; b++) {
                    for (int i = b * batch; i < Math.min(rows, (b + 1) * batch); i++) {
                        insert.setString(1, marker + i);
                        insert.setString(2, "CDC benchmark row " + i);
                        insert.setLong(3, 100 + i % 1000);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    db.commit();
                    committedAt[b] = System.nanoTime();
                    if (b == 0) {
                        first = committedAt[0];
                    }
                }
            }
            ctx.progress().say(ID, "%d rows committed in %.1f s; waiting for them on %s", rows, (System.nanoTime() - first) / 1e9,
                    Topics.CDC_PRODUCTS.name());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(120, rows / 200));
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (arrived.size() < rows && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000L);
                if (System.nanoTime() > nextReport) {
                    ctx.progress().say(ID, "%d/%d rows on the topic", arrived.size(), rows);
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
            if (arrived.size() < rows) {
                throw new IllegalStateException("only " + arrived.size() + " of " + rows + " rows reached " + Topics.CDC_PRODUCTS.name());
            }
            window.close(rows);
            Histogram lag = LatencySummary.newHistogram();
            arrived.forEach((n, at) -> LatencySummary.record(lag, at - committedAt[n / batch]));
            LatencySummary l = LatencySummary.of(lag);
            double cdcRate = rows / ((lastArrival.get() - first) / 1e9);
            int size = (int) (bytes.get() / rows);
            double raw = RawProduce.rate(stack.bootstrap(), stack.admin(), rows, size);
            Map<String, Double> figures = ReportWriter.figures();
            figures.put(CDC_RATE, cdcRate);
            figures.put("commit to arrival p50 ms", l.p50());
            figures.put("commit to arrival p99 ms", l.p99());
            figures.put("commit to arrival max ms", l.max());
            figures.put("record size bytes (key + value)", (double) size);
            figures.put(RAW_RATE, raw);
            figures.put("ratio CDC / raw", cdcRate / raw);
            ctx.progress().say(ID, "trial %d: %.0f rows/s, lag p50 %.0f ms, p99 %.0f ms; raw produce %.0f records/s", trial, cdcRate, l.p50(),
                    l.p99(), raw);
            return new TrialResult(figures, window.cpuPerOrder(), window.recordsPerOrder(), List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("inserting the CDC rows failed: " + e.getMessage(), e);
        }
    }

    /** The row number after the marker in a record's key (its sku), or -1. */
    static int number(byte[] key, byte[] marker) {
        if (key == null) {
            return -1;
        }
        outer:
        for (int i = 0; i + marker.length < key.length; i++) {
            for (int k = 0; k < marker.length; k++) {
                if (key[i + k] != marker[k]) {
                    continue outer;
                }
            }
            int n = 0;
            int j = i + marker.length;
            int digits = 0;
            while (j < key.length && key[j] >= '0' && key[j] <= '9') {
                n = n * 10 + (key[j++] - '0');
                digits++;
            }
            return digits == 0 ? -1 : n;
        }
        return -1;
    }

    private static double median(List<TrialResult> trials, String figure) {
        return Spread.of(trials.stream().map(t -> t.figures().get(figure)).filter(v -> v != null).toList()).median();
    }
}

package org.commercecore.benchmarks.fullpath;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commercecore.benchmarks.RunContext;
import org.commercecore.benchmarks.measure.LatencySummary;
import org.commercecore.benchmarks.measure.Percentiles;
import org.commercecore.benchmarks.measure.Spread;
import org.commercecore.benchmarks.measure.StatusWatcher;
import org.commercecore.benchmarks.measure.Window;
import org.commercecore.benchmarks.report.Charts;
import org.commercecore.benchmarks.report.ReportWriter;
import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.report.Table;
import org.commercecore.benchmarks.report.TrialResult;

/**
 * Scenario 2, the full path, open loop: customers order through the command API (HTTP -> PostgreSQL ->
 * Debezium -> the order intake -> the saga -> orders.status.v1 -> the query views) at fixed offered
 * rates, then the highest rate whose backlog does not grow is searched for.
 */
public final class FullPath {
    private static final String ID = "fullpath";
    private static final double SEARCH_CAP = 5_000;
    private static final int SEARCH_STEPS = 4;
    private static final Duration AT_REST = Duration.ofSeconds(10);
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private final RunContext ctx;

    public FullPath(RunContext ctx) {
        this.ctx = ctx;
    }

    public ScenarioResult run() {
        var stack = ctx.stack();
        var sizes = ctx.sizes();
        String tag = Long.toHexString(System.nanoTime() & 0xffffff);
        ctx.progress().say(ID, "registering and logging in %d customers (password hashing: slow on purpose)", sizes.customers());
        List<Shoppers.Shopper> shoppers = Shoppers.register(stack.commandApi(), sizes.customers(), tag, ctx.progress());
        List<String> skus = Catalogue.stock(stack.commandApi(), stack.queryApis().get(0), stack.adminToken(), tag, 10, 1_000_000);
        ctx.progress().say(ID, "%d customers signed in, %d products stocked", shoppers.size(), skus.size());
        warmUp(shoppers, skus);
        List<TrialResult> trials = new ArrayList<>();
        for (int t = 1; t <= sizes.trials(); t++) {
            trials.add(trial(t, shoppers, skus));
        }
        List<Path> charts = charts(trials);
        return new ScenarioResult(ID, "Full path, open loop",
                "POST /orders to the command API at intended times t0 + i/R for " + sizes.rateDuration().toSeconds() + " s per offered rate R, "
                        + "sent asynchronously (java.net.http sendAsync) so a slow answer never delays the next request; every latency is "
                        + "measured from the intended send time (no coordinated omission) with HdrHistogram. PLACED and terminal are "
                        + "when a benchmark consumer (read_committed) saw the order on orders.status.v1; \"view lag\" is, for a sample of "
                        + "orders, from the terminal status on the topic until GET /orders/{id}?waitFor=<status> on a query instance "
                        + "(alternating) answered. " + shoppers.size() + " customers, each logged in once, order in turn; one line, one unit.",
                List.of("An uncounted warm-up at the lowest rate (" + WARM_UP.toSeconds() + " s; --smoke: 3 s) comes first, and each trial "
                                + "starts by measuring the stack at rest for " + AT_REST.toSeconds() + " s.",
                        "A rate keeps up when the backlog (sent, not yet terminal) at the end of the window is not larger than in its "
                                + "first third (plus a tenth, at least 10) and every order is terminal within 15 s after the load.",
                        sizes.searchCeiling() ? "The highest sustainable rate is searched by bisection on runs of half the step length."
                                : "The search for the highest sustainable rate was skipped (--smoke or --no-search)."),
                trials, charts);
    }

    private TrialResult trial(int trial, List<Shoppers.Shopper> shoppers, List<String> skus) {
        var stack = ctx.stack();
        var sizes = ctx.sizes();
        Map<String, Double> figures = ReportWriter.figures();
        List<List<String>> rows = new ArrayList<>();
        try (StatusWatcher watcher = new StatusWatcher(stack.bootstrap(), stack.serdes());
             PathTracer path = new PathTracer(stack.bootstrap(), stack.serdes(), stack.topicNames())) {
            OpenLoopRun runner = new OpenLoopRun(stack.commandApi(), stack.queryApis(), shoppers, skus, watcher, path, ctx.cpu(), ctx.progress());
            List<List<String>> pathRows = new ArrayList<>();
            double atRest = coresBusyAtRest();
            figures.put("at rest: cores busy (of " + Runtime.getRuntime().availableProcessors() + ")", atRest);
            ctx.progress().say(ID, "trial %d/%d: at rest, before any order, the stack keeps %.2f cores busy", trial, sizes.trials(), atRest);
            Window window = Window.open(ctx.cpu(), stack.admin());
            long orders = 0;
            double highestPassing = Double.NaN;
            double lowestFailing = Double.NaN;
            for (double rate : sizes.rates()) {
                ctx.progress().say(ID, "trial %d/%d: %.0f orders/s for %d s", trial, sizes.trials(), rate, sizes.rateDuration().toSeconds());
                OpenLoopRun.Result r = runner.run(rate, sizes.rateDuration());
                orders += (long) r.sent();
                record(figures, r);
                rows.add(row(r));
                pathRows.addAll(pathRows(r));
                ctx.progress().say(ID, "%.0f/s: terminal p50 %.0f ms, p99 %.0f ms; %s", rate, r.terminal().p50(), r.terminal().p99(),
                        r.verdict().why());
                if (r.verdict().keepsUp()) {
                    highestPassing = Double.isNaN(highestPassing) ? rate : Math.max(highestPassing, rate);
                } else {
                    lowestFailing = Double.isNaN(lowestFailing) ? rate : Math.min(lowestFailing, rate);
                }
            }
            window.close(orders);
            if (sizes.searchCeiling() && !Double.isNaN(highestPassing)) {
                Duration probe = Duration.ofSeconds(Math.max(10, sizes.rateDuration().toSeconds() / 2));
                double highest = RateSearch.highest(highestPassing, lowestFailing, SEARCH_STEPS, SEARCH_CAP, rate -> {
                    ctx.progress().say(ID, "search: probing %.0f orders/s for %d s", rate, probe.toSeconds());
                    OpenLoopRun.Result r = runner.run(rate, probe);
                    rows.add(row(r));
                    ctx.progress().say(ID, "search: %.0f/s %s", rate, r.verdict().why());
                    return r.verdict().keepsUp();
                });
                figures.put("highest sustainable rate orders/s", highest);
            } else if (sizes.searchCeiling()) {
                figures.put("highest sustainable rate orders/s", 0.0);
            }
            runner.drainLeftOver(); // the next trial (or scenario) starts on an idle system
            return new TrialResult(figures, window.cpuPerOrder(), window.recordsPerOrder(), List.of(new Table(
                    "Every rate run (last trial, search probes included)",
                    List.of("offered/s", "accepted/s", "terminal/s", "errors", "POST p50", "POST p99", "PLACED p99", "terminal p50",
                            "terminal p95", "terminal p99", "terminal max", "view lag p50", "view lag p99", "cores busy", "core-ms/order", "keeps up"),
                    rows, "Latencies in ms from the intended send time (view lag: from the status on the topic). Cores busy and "
                            + "core-ms per order: every process of the stack and the benchmark JVM, over the load window of that rate."),
                    new Table("Where the time goes, per offered rate (last trial, every accepted order)",
                            List.of("offered/s", "first seen (read_committed)", "orders", "p50 ms since send", "p99 ms since send",
                                    "p50 step ms", "p50 ms since the record's timestamp"),
                            pathRows, "The last column is from the record's timestamp to when a read_committed consumer got it. For the row's change "
                                    + "event that timestamp is when Connect produced it, so the column is the wait for Connect's transaction "
                                    + "to commit. Kafka Streams gives an output its input's timestamp, so on later topics it counts from "
                                    + "that change event (payments stamps its replies when it makes them).")));
        }
    }

    /**
     * One uncounted run at the lowest rate first: the command API, Debezium and the intake compile their
     * hot paths on their first orders (nine JVMs on two cores), which otherwise lands in the first rate's figures.
     */
    private void warmUp(List<Shoppers.Shopper> shoppers, List<String> skus) {
        var stack = ctx.stack();
        Duration length = ctx.sizes().smoke() ? Duration.ofSeconds(3) : WARM_UP;
        double rate = ctx.sizes().rates().stream().mapToDouble(Double::doubleValue).min().orElse(50);
        ctx.progress().say(ID, "warm-up (not counted): %.0f orders/s for %d s", rate, length.toSeconds());
        try (StatusWatcher watcher = new StatusWatcher(stack.bootstrap(), stack.serdes());
             PathTracer path = new PathTracer(stack.bootstrap(), stack.serdes(), stack.topicNames())) {
            OpenLoopRun runner = new OpenLoopRun(stack.commandApi(), stack.queryApis(), shoppers, skus, watcher, path, ctx.cpu(), ctx.progress());
            runner.run(rate, length);
            runner.drainLeftOver();
        }
    }

    /** What the whole stack costs with no order flowing: the floor every offered rate starts from. */
    private double coresBusyAtRest() {
        var before = ctx.cpu().snapshot();
        long start = System.nanoTime();
        java.util.concurrent.locks.LockSupport.parkNanos(AT_REST.toNanos());
        return org.commercecore.benchmarks.measure.CpuMeter.total(before, ctx.cpu().snapshot()).toNanos()
                / (double) (System.nanoTime() - start);
    }

    private static void record(Map<String, Double> figures, OpenLoopRun.Result r) {
        String p = String.format(java.util.Locale.ROOT, "%.0f/s: ", r.offered());
        figures.put(p + "terminal orders/s", r.terminalPerSecond());
        figures.put(p + "POST p50 ms", r.post().p50());
        figures.put(p + "POST p99 ms", r.post().p99());
        figures.put(p + "to PLACED p99 ms", r.placed().p99());
        figures.put(p + "to terminal p50 ms", r.terminal().p50());
        figures.put(p + "to terminal p95 ms", r.terminal().p95());
        figures.put(p + "to terminal p99 ms", r.terminal().p99());
        figures.put(p + "to terminal max ms", r.terminal().max());
        figures.put(p + "view lag p50 ms", r.view().p50());
        figures.put(p + "view lag p99 ms", r.view().p99());
        figures.put(p + "errors", (double) r.errors());
        figures.put(p + "cores busy (of " + Runtime.getRuntime().availableProcessors() + ")", r.coresBusy());
        figures.put(p + "core-ms per order", r.coreMsPerOrder());
        figures.put(p + "keeps up (1 yes, 0 no)", r.verdict().keepsUp() ? 1.0 : 0.0);
    }

    private static List<List<String>> pathRows(OpenLoopRun.Result r) {
        List<List<String>> out = new ArrayList<>();
        double previous = 0;
        for (PathTracer.Delays d : r.path()) {
            double p50 = Percentiles.of(d.sinceSend(), 50);
            out.add(List.of(ReportWriter.number(r.offered()), d.label(), String.valueOf(d.sinceSend().size()), ReportWriter.number(p50),
                    ReportWriter.number(Percentiles.of(d.sinceSend(), 99)), ReportWriter.number(p50 - previous),
                    ReportWriter.number(Percentiles.of(d.sinceTimestamp(), 50))));
            if (!Double.isNaN(p50)) {
                previous = p50;
            }
        }
        return out;
    }

    private static List<String> row(OpenLoopRun.Result r) {
        LatencySummary post = r.post();
        LatencySummary t = r.terminal();
        return List.of(ReportWriter.number(r.offered()), ReportWriter.number(r.acceptedPerSecond()), ReportWriter.number(r.terminalPerSecond()),
                String.valueOf(r.errors()), ReportWriter.number(post.p50()), ReportWriter.number(post.p99()), ReportWriter.number(r.placed().p99()),
                ReportWriter.number(t.p50()), ReportWriter.number(t.p95()), ReportWriter.number(t.p99()), ReportWriter.number(t.max()),
                ReportWriter.number(r.view().p50()), ReportWriter.number(r.view().p99()), ReportWriter.number(r.coresBusy()),
                ReportWriter.number(r.coreMsPerOrder()), r.verdict().keepsUp() ? "yes" : "no");
    }

    private List<Path> charts(List<TrialResult> trials) {
        Map<String, Map<Double, Double>> latency = new LinkedHashMap<>();
        Map<String, Map<Double, Double>> throughput = new LinkedHashMap<>();
        for (String series : List.of("to terminal p50 ms", "to terminal p99 ms", "POST p99 ms", "view lag p99 ms")) {
            latency.put(series.replace(" ms", ""), new TreeMap<>());
        }
        throughput.put("offered", new TreeMap<>());
        throughput.put("terminal orders/s", new TreeMap<>());
        for (double rate : ctx.sizes().rates()) {
            String p = String.format(java.util.Locale.ROOT, "%.0f/s: ", rate);
            latency.forEach((series, points) -> points.put(rate, median(trials, p + series + " ms")));
            throughput.get("offered").put(rate, rate);
            throughput.get("terminal orders/s").put(rate, median(trials, p + "terminal orders/s"));
        }
        Double highest = trials.isEmpty() ? null : median(trials, "highest sustainable rate orders/s");
        if (highest != null && !highest.isNaN() && highest > 0) {
            Map<Double, Double> line = new TreeMap<>();
            line.put(0.0, highest);
            line.put(ctx.sizes().rates().stream().mapToDouble(Double::doubleValue).max().orElse(highest), highest);
            throughput.put("highest sustainable rate", line);
        }
        Path a = Charts.lines(ctx.chart("fullpath-latency.png"), "Full path: latency against offered rate (median of trials)",
                "offered orders/s", "ms from intended send", latency);
        Path b = Charts.lines(ctx.chart("fullpath-throughput.png"), "Full path: terminal orders/s against offered rate",
                "offered orders/s", "orders/s", throughput);
        return List.of(ctx.relativeToReport(a), ctx.relativeToReport(b));
    }

    private static double median(List<TrialResult> trials, String figure) {
        return Spread.of(trials.stream().map(t -> t.figures().get(figure)).filter(v -> v != null).toList()).median();
    }
}

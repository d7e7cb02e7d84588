package org.commercecore.benchmarks.saga;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.commercecore.benchmarks.RunContext;
import org.commercecore.benchmarks.measure.GroupLag;
import org.commercecore.benchmarks.measure.Percentiles;
import org.commercecore.benchmarks.measure.Spread;
import org.commercecore.benchmarks.measure.StatusWatcher;
import org.commercecore.benchmarks.measure.Window;
import org.commercecore.benchmarks.report.Charts;
import org.commercecore.benchmarks.report.ReportWriter;
import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.report.Table;
import org.commercecore.benchmarks.report.TrialResult;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.orders.OrderEvent;

/**
 * Scenario 1, the saga in a burst: N OrderPlaced events written straight to orders.events.v1 (no HTTP,
 * no CDC), with mixed outcomes ({@link OrderMix}), timed from the first send until every order is
 * terminal on orders.status.v1. Then the same N records through the exactly-once ceiling chain
 * ({@link CeilingChain}), and the ratio of the two.
 */
public final class SagaBurst {
    private static final String ID = "saga";

    private final RunContext ctx;

    public SagaBurst(RunContext ctx) {
        this.ctx = ctx;
    }

    public ScenarioResult run() {
        List<TrialResult> trials = new ArrayList<>();
        int n = ctx.sizes().sagaOrders();
        int hops = ctx.sizes().ceilingHops();
        if (!ctx.sizes().smoke()) {
            // a fresh stack's JVMs take minutes to compile their hot paths: the first burst ran at a
            // third of the later ones' rate. It warms every app (and the scenarios after this one) and is not counted.
            ctx.progress().say(ID, "warm-up: %d orders, not counted", n);
            trial(0, n, hops);
        }
        for (int t = 1; t <= ctx.sizes().trials(); t++) {
            ctx.progress().say(ID, "trial %d/%d: %d orders", t, ctx.sizes().trials(), n);
            trials.add(trial(t, n, hops));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("saga", Spread.of(trials.stream().map(r -> r.figures().get(SAGA_RATE)).toList()).median());
        medians.put("ceiling (" + hops + " EOS hops)", Spread.of(trials.stream().map(r -> r.figures().get(CEILING_RATE)).toList()).median());
        Path chart = Charts.bars(ctx.chart("saga-vs-ceiling.png"), "Saga burst against the exactly-once ceiling (median)",
                "orders/s", medians);
        return new ScenarioResult(ID, "Saga burst",
                n + " OrderPlaced events produced straight to orders.events.v1 (Avro, keyed by order id, acks=all), about 90% "
                        + "meant to confirm, 5% out of stock, 3% payment declined, 2% from one customer whose spend soon passes the fraud limit; timed from the first send "
                        + "until every order is terminal (CONFIRMED or REJECTED) on orders.status.v1, read_committed. In the same trial "
                        + "the same records pass through a chain of " + hops + " exactly-once pass-through Kafka Streams apps (same "
                        + "broker, partitions, commit interval, OrderEvent serde) in a child JVM (" + String.join(" ", CeilingChain.jvmOptions(hops))
                        + "): the ceiling of a saga whose critical path has " + hops + " exactly-once hops.",
                List.of("Each run starts with one uncounted warm-up burst of the same size (the stack is fresh: its JVMs"
                                + " compile their hot paths during the first minutes).",
                        "The CPU and record tables cover the saga part of each trial only (not the ceiling chain).",
                        "Per-hop times are when a benchmark consumer (read_committed) first saw a sampled order on each topic, "
                                + "measured from the order's send."),
                trials, List.of(ctx.relativeToReport(chart)));
    }

    static final String SAGA_RATE = "saga orders/s (first send to last terminal)";
    static final String CEILING_RATE = "ceiling orders/s (EOS pass-through chain)";

    private TrialResult trial(int trial, int n, int hops) {
        var stack = ctx.stack();
        String tag = Integer.toHexString((int) (System.nanoTime() & 0xfffff)) + trial;
        OrderIds ids = OrderIds.random();
        stock(tag, n);
        int sampleEvery = Math.max(1, n / 400);
        Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Double> figures = ReportWriter.figures();
        Window window;
        List<Table> tables = new ArrayList<>();
        try (StatusWatcher watcher = new StatusWatcher(stack.bootstrap(), stack.serdes());
             HopTracer tracer = new HopTracer(stack.bootstrap(), stack.serdes(), stack.topicNames(), ids, trial, sampleEvery);
             KafkaProducer<String, OrderEvent> producer = SagaEvents.producer(stack.bootstrap(), stack.serdes(), Topics.ORDER_EVENTS)) {
            List<OrderMix.Planned> plans = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                plans.add(OrderMix.plan(tag, i));
            }
            window = Window.open(ctx.cpu(), stack.admin());
            long first = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String id = ids.id(trial, i);
                if (i % sampleEvery == 0) {
                    sentAt.put(i, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), id, SagaEvents.placed(id, plans.get(i))));
            }
            producer.flush();
            double sendSeconds = (System.nanoTime() - first) / 1e9;
            ctx.progress().say(ID, "sent %d orders in %.1f s; waiting until every one is terminal", n, sendSeconds);
            awaitTerminal(watcher, n);
            long last = 0;
            Map<String, Integer> outcomes = new TreeMap<>();
            int unexpected = 0;
            int fraudCustomerConfirmed = 0;
            int fraudCustomerOrders = 0;
            for (int i = 0; i < n; i++) {
                StatusWatcher.Terminal terminal = watcher.terminal(ids.id(trial, i));
                last = Math.max(last, terminal.seenNanos());
                String got = terminal.status() + (terminal.reason() == null ? "" : " " + terminal.reason());
                outcomes.merge(got, 1, Integer::sum);
                if (OrderMix.outcome(i) == OrderMix.Outcome.FRAUD) {
                    // which of the customer's orders pass depends on the order the fraud check sees them in,
                    // which a burst over several partitions does not fix: only how many may pass is planned
                    fraudCustomerOrders++;
                    if (terminal.status().equals("CONFIRMED")) {
                        fraudCustomerConfirmed++;
                    } else if (!"FRAUD_SUSPECTED".equals(terminal.reason())) {
                        unexpected++;
                    }
                    continue;
                }
                String expected = OrderMix.expectedReason(i);
                if (expected == null ? !terminal.status().equals("CONFIRMED") : !expected.equals(terminal.reason())) {
                    unexpected++;
                }
            }
            unexpected += Math.abs(fraudCustomerConfirmed - Math.min(OrderMix.FRAUD_PASSES, fraudCustomerOrders));
            window.close(n);
            double seconds = (last - first) / 1e9;
            figures.put(SAGA_RATE, n / seconds);
            figures.put("saga burst duration s", seconds);
            figures.put("orders ending otherwise than planned", (double) unexpected);
            tables.add(outcomeTable(outcomes, n));
            tables.add(hopTable(tracer, sentAt));
            ctx.progress().say(ID, "trial %d: %d orders terminal in %.1f s: %.0f orders/s", trial, n, seconds, n / seconds);
        }
        double ceiling = CeilingChain.run(stack, ctx.progress(), tag, hops, n, stack.runDir().resolve("chain"));
        figures.put(CEILING_RATE, ceiling);
        figures.put("ratio saga / ceiling", figures.get(SAGA_RATE) / ceiling);
        ctx.progress().say(ID, "trial %d: ceiling %.0f orders/s through %d hops; ratio %.2f", trial, ceiling, hops,
                figures.get(SAGA_RATE) / ceiling);
        return new TrialResult(figures, window.cpuPerOrder(), window.recordsPerOrder(), tables);
    }

    /** Enough stock for every order on each stocked SKU; applied by the inventory app before any order is sent. */
    private void stock(String tag, int n) {
        var stack = ctx.stack();
        try (KafkaProducer<String, StockAdjustment> producer = SagaEvents.producer(stack.bootstrap(), stack.serdes(), Topics.STOCK_ADJUSTMENTS)) {
            for (int j = 0; j < OrderMix.STOCKED_SKUS; j++) {
                String sku = OrderMix.stockedSku(tag, j);
                producer.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), sku, SagaEvents.stock(sku, n + 1000)));
            }
            producer.flush();
        }
        GroupLag.awaitCaughtUp(stack.admin(), "commerce-inventory", List.of(Topics.STOCK_ADJUSTMENTS.name()),
                java.time.Duration.ofSeconds(120));
    }

    private void awaitTerminal(StatusWatcher watcher, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(180, n / 20));
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watcher.terminalCount() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + watcher.terminalCount() + " of " + n + " orders became terminal in time");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            if (System.nanoTime() > nextReport) {
                ctx.progress().say(ID, "%d/%d orders terminal", watcher.terminalCount(), n);
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
        }
    }

    private static Table outcomeTable(Map<String, Integer> outcomes, int n) {
        List<List<String>> rows = new ArrayList<>();
        outcomes.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v), ReportWriter.number(100.0 * v / n) + "%")));
        return new Table("Outcomes (last trial)", List.of("terminal status", "orders", "share"), rows, null);
    }

    private static Table hopTable(HopTracer tracer, Map<Integer, Long> sentAt) {
        List<List<String>> rows = new ArrayList<>();
        double previous = 0;
        for (var e : tracer.sinceSend(sentAt).entrySet()) {
            double p50 = Percentiles.of(e.getValue(), 50);
            rows.add(List.of(e.getKey(), String.valueOf(e.getValue().size()), ReportWriter.number(p50),
                    ReportWriter.number(Percentiles.of(e.getValue(), 99)), ReportWriter.number(p50 - previous)));
            if (!Double.isNaN(p50)) {
                previous = p50;
            }
        }
        List<String> absent = HopTracer.STAGES.stream().map(HopTracer.Stage::label).filter(l -> !tracer.labels().contains(l)).toList();
        return new Table("Per-hop latency (last trial, a sample of every " + tracer.sampleEvery() + "th order)",
                List.of("first seen", "orders", "p50 ms since send", "p99 ms since send", "p50 step ms"), rows,
                "Under a burst these are dominated by queueing behind the burst, not by the hop itself."
                        + (absent.isEmpty() ? "" : " Stages whose topic does not exist in this topology: " + String.join(", ", absent) + "."));
    }
}

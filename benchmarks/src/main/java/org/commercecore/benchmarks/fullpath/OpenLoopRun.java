package org.commercecore.benchmarks.fullpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.commercecore.benchmarks.Progress;
import org.commercecore.benchmarks.measure.BacklogRule;
import org.commercecore.benchmarks.measure.CpuMeter;
import org.commercecore.benchmarks.measure.LatencySummary;
import org.commercecore.benchmarks.measure.OpenLoopSchedule;
import org.commercecore.benchmarks.measure.StatusWatcher;

/**
 * One offered rate of the full path, open loop: POST /orders at the intended times
 * {@code t0 + i / rate}, sent asynchronously so a slow answer never delays the next request, and every
 * latency measured from the intended time (no coordinated omission). The order's way is then watched on
 * orders.status.v1 (PLACED, terminal), and for a sample of orders the query view is asked, the moment
 * the terminal status appears on the topic, to show it ({@code waitFor}): how far the view trails the topic.
 */
public final class OpenLoopRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration DRAIN = Duration.ofMinutes(2);
    /**
     * POSTs under way at once. Past it a send waits in {@link #waiting} (its latency still counts
     * from its intended time, so nothing is omitted): unbounded, an overloaded rate opened a
     * connection per waiting request until the benchmark JVM, which also hosts the broker, ran out
     * of file descriptors.
     */
    private static final int MAX_IN_FLIGHT = 256;
    /** About this many orders per rate get their query view timed. */
    private static final int VIEW_SAMPLES = 200;

    /** What one rate measured. */
    public record Result(double offered, double sent, double acceptedPerSecond, double terminalPerSecond, long errors,
                         LatencySummary post, LatencySummary placed, LatencySummary terminal, LatencySummary view,
                         BacklogRule.Verdict verdict, List<PathTracer.Delays> path, double coresBusy, double coreMsPerOrder) {
    }

    private record Sent(long intendedNanos, String token) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final URI commandApi;
    private final List<URI> queryApis;
    private final List<Shoppers.Shopper> shoppers;
    private final List<String> skus;
    private final StatusWatcher watcher;
    private final PathTracer path;
    private final CpuMeter cpu;
    private final Progress progress;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** Orders the last run had accepted that were not terminal when it ended (an overloaded rate leaves some). */
    private long leftOver;

    public OpenLoopRun(URI commandApi, List<URI> queryApis, List<Shoppers.Shopper> shoppers, List<String> skus, StatusWatcher watcher,
                       PathTracer path, CpuMeter cpu, Progress progress) {
        this.commandApi = commandApi;
        this.queryApis = queryApis;
        this.shoppers = shoppers;
        this.skus = skus;
        this.watcher = watcher;
        this.path = path;
        this.cpu = cpu;
        this.progress = progress;
    }

    /**
     * Waits (up to {@link #DRAIN}) until the orders a previous, overloaded run left behind are
     * terminal, so that a rate is measured on an idle system, not behind the last one's backlog.
     */
    void drainLeftOver() {
        if (leftOver == 0) {
            return;
        }
        long target = leftOver;
        long counted = watcher.terminalCount();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long nextReport = System.nanoTime();
        while (watcher.terminalCount() - counted < target && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextReport) {
                progress.say("fullpath", "draining the last run's backlog: %d of %d orders terminal",
                        watcher.terminalCount() - counted, target);
                nextReport += TimeUnit.SECONDS.toNanos(10);
            }
            LockSupport.parkNanos(100_000_000L);
        }
        leftOver = 0;
    }

    public Result run(double rate, Duration duration) {
        drainLeftOver();
        watcher.reset();
        path.reset();
        Histogram post = LatencySummary.newHistogram();
        Histogram view = LatencySummary.newHistogram();
        Map<String, Sent> orders = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger viewed = new AtomicInteger();
        AtomicInteger viewsDone = new AtomicInteger();
        int sampleEvery = Math.max(1, (int) (rate * duration.toSeconds() / VIEW_SAMPLES));
        watcher.onTerminal((id, terminal) -> {
            Sent sent = orders.get(id);
            if (sent != null && Math.floorMod(id.hashCode(), sampleEvery) == 0) {
                askView(id, terminal, sent.token(), queryApis.get(viewed.getAndIncrement() % queryApis.size()), view, viewsDone);
            }
        });
        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + 50_000_000L, rate, duration);
        Map<String, Duration> cpuBefore = cpu.snapshot();
        List<BacklogRule.Sample> samples = new ArrayList<>();
        long nextSample = schedule.startNanos();
        long nextReport = schedule.startNanos() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < schedule.count(); i++) {
            long intended = schedule.intendedNanos(i);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            Shoppers.Shopper shopper = shoppers.get(i % shoppers.size());
            send(shopper, skus.get(i % skus.size()), intended, post, orders, errors, accepted);
            issued.incrementAndGet();
            long now = System.nanoTime();
            if (now >= nextSample) {
                samples.add(new BacklogRule.Sample(now - schedule.startNanos(), issued.get(), watcher.terminalCount()));
                nextSample += 250_000_000L;
            }
            if (now >= nextReport) {
                progress.say("fullpath", "%.0f/s: %d sent, %d accepted, %d terminal", rate, issued.get(), accepted.get(), watcher.terminalCount());
                nextReport += TimeUnit.SECONDS.toNanos(10);
            }
        }
        long loadEnd = System.nanoTime();
        // CPU over the load window only: what this offered rate costs the machine while it is offered
        double coreNanos = CpuMeter.total(cpuBefore, cpu.snapshot()).toNanos();
        double coresBusy = coreNanos / Math.max(1, loadEnd - schedule.startNanos());
        samples.add(new BacklogRule.Sample(loadEnd - schedule.startNanos(), issued.get(), watcher.terminalCount()));
        // every answer, then every accepted order terminal, within the grace period
        long graceEnd = loadEnd + GRACE.toNanos();
        while (System.nanoTime() < graceEnd && (accepted.get() + errors.get() < issued.get() || watcher.terminalCount() < accepted.get())) {
            LockSupport.parkNanos(20_000_000L);
        }
        boolean drained = accepted.get() + errors.get() >= issued.get() && watcher.terminalCount() >= accepted.get();
        leftOver = Math.max(0, accepted.get() - watcher.terminalCount());
        long lastTerminal = 0;
        Histogram placed = LatencySummary.newHistogram();
        Histogram terminal = LatencySummary.newHistogram();
        Map<String, Long> intendedById = new java.util.HashMap<>();
        for (var e : orders.entrySet()) {
            intendedById.put(e.getKey(), e.getValue().intendedNanos());
            Long p = watcher.placedAt(e.getKey());
            StatusWatcher.Terminal t = watcher.terminal(e.getKey());
            if (p != null) {
                LatencySummary.record(placed, p - e.getValue().intendedNanos());
            }
            if (t != null) {
                LatencySummary.record(terminal, t.seenNanos() - e.getValue().intendedNanos());
                lastTerminal = Math.max(lastTerminal, t.seenNanos());
            }
        }
        // the view waits of the last orders end within their own timeout
        long viewsEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        while (System.nanoTime() < viewsEnd && viewsDone.get() < viewed.get()) {
            LockSupport.parkNanos(20_000_000L);
        }
        watcher.onTerminal((id, t) -> { });
        double seconds = duration.toNanos() / 1e9;
        double terminalSpan = (Math.max(lastTerminal, loadEnd) - schedule.startNanos()) / 1e9;
        return new Result(rate, issued.get(), accepted.get() / seconds, watcher.terminalCount() / terminalSpan, errors.get(),
                LatencySummary.of(post), LatencySummary.of(placed), LatencySummary.of(terminal), LatencySummary.of(view),
                BacklogRule.judge(samples, loadEnd - schedule.startNanos(), drained), path.delays(intendedById),
                coresBusy, coreNanos / 1e6 / Math.max(1, issued.get()));
    }

    private void send(Shoppers.Shopper shopper, String sku, long intended, Histogram post, Map<String, Sent> orders, AtomicLong errors,
                      AtomicInteger accepted) {
        String body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
        HttpRequest request = HttpRequest.newBuilder(commandApi.resolve("/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + shopper.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        waiting.add(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            LatencySummary.record(post, System.nanoTime() - intended);
            slots.release();
            dispatch();
            if (failure != null || response.statusCode() != 202) {
                errors.incrementAndGet();
                return;
            }
            try {
                JsonNode json = JSON.readTree(response.body());
                orders.put(json.path("order_id").asText(), new Sent(intended, shopper.token()));
                accepted.incrementAndGet();
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
            }
        }));
        dispatch();
    }

    /** Sends waiting requests while a slot is free. */
    private void dispatch() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                slots.release();
                return;
            }
            next.run();
        }
    }

    private void askView(String orderId, StatusWatcher.Terminal terminal, String token, URI queryApi, Histogram view,
                         AtomicInteger done) {
        HttpRequest request = HttpRequest.newBuilder(queryApi.resolve("/orders/" + orderId + "?waitFor=" + terminal.status() + "&timeout=10s"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                LatencySummary.record(view, System.nanoTime() - terminal.seenNanos());
            }
            done.incrementAndGet();
        });
    }
}

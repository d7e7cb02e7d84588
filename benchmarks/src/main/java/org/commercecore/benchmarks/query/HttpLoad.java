package org.commercecore.benchmarks.query;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.commercecore.benchmarks.measure.LatencySummary;
import org.commercecore.benchmarks.measure.OpenLoopSchedule;

/** Closed-loop (fixed connections, each sending again on every answer) and open-loop GET load over a list of requests. */
final class HttpLoad {
    /** What a load step measured: requests per second answered 200, failures, latency. */
    record Result(double perSecond, long errors, LatencySummary latency) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    /** {@code connections} requests in flight at all times for {@code duration}; latency from each request's send. */
    Result closed(List<HttpRequest> requests, int connections, Duration duration) {
        Histogram latency = LatencySummary.newHistogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            loop(requests, next, end, latency, ok, errors, done);
        }
        await(done, duration.plusSeconds(30));
        return new Result(ok.get() / ((System.nanoTime() - start) / 1e9), errors.get(), LatencySummary.of(latency));
    }

    private void loop(List<HttpRequest> requests, AtomicInteger next, long end, Histogram latency, AtomicLong ok, AtomicLong errors,
                      CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        HttpRequest request = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, failure) -> {
            LatencySummary.record(latency, System.nanoTime() - sent);
            if (failure == null && r.statusCode() == 200) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            loop(requests, next, end, latency, ok, errors, done);
        });
    }

    /** Requests at {@code rate} per second for {@code duration}, latency from each intended send time. */
    Result open(List<HttpRequest> requests, double rate, Duration duration) {
        Histogram latency = LatencySummary.newHistogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + 20_000_000L, rate, duration);
        CountDownLatch done = new CountDownLatch(schedule.count());
        for (int i = 0; i < schedule.count(); i++) {
            long intended = schedule.intendedNanos(i);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            http.sendAsync(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding()).whenComplete((r, failure) -> {
                LatencySummary.record(latency, System.nanoTime() - intended);
                if (failure == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        await(done, Duration.ofSeconds(30));
        return new Result(ok.get() / (duration.toNanos() / 1e9), errors.get(), LatencySummary.of(latency));
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

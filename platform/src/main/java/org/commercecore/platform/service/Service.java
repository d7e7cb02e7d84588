package org.commercecore.platform.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.commercecore.platform.http.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one running commerce-core process holds, registered as each part starts, and the order in
 * which it lets go: first no new HTTP requests (those under way finish), then the peers' gRPC, then
 * Kafka Streams, then the clients and pools the rest used. Closing is idempotent, goes on past a part
 * that fails to close, and turns readiness false before anything stops (and, with a drain period,
 * that long before).
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** Stages in the order they stop; within a stage, parts stop in the reverse order they started. */
    public enum Stage {
        /** The HTTP surface: API and ops endpoints. Stops accepting first and finishes requests under way. */
        HTTP,
        /** Servers other instances call (the query API's gRPC); they read the views, so they stop before Streams. */
        PEERS,
        /** Kafka Streams: commits and closes its tasks. */
        STREAMS,
        /** Everything the above used: connection pools, Redis and Kafka clients, executors, metrics. */
        CLIENTS
    }

    private record Part(Stage stage, int order, String what, AutoCloseable resource) {
    }

    private final String name;
    private final Duration drain;
    private final List<Part> parts = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String failure;

    public Service(String name) {
        this(name, Duration.ZERO);
    }

    /**
     * {@code drain}: how long a stopping service goes on serving while its readiness already says
     * no, so that load balancers polling it take it out of rotation before it refuses connections.
     */
    public Service(String name, Duration drain) {
        this.name = name;
        this.drain = drain;
    }

    public String name() {
        return name;
    }

    /** Registers a started part; returns it, so a start reads as one line per part. */
    public synchronized <T extends AutoCloseable> T add(Stage stage, String what, T resource) {
        if (stopping.get()) {
            closeQuietly(what, resource);
            throw new IllegalStateException(name + " is stopping; " + what + " was closed again at once");
        }
        parts.add(new Part(stage, parts.size(), what, resource));
        return resource;
    }

    /** Starts parts into this service; if the start fails, what had started is stopped before the error goes on. */
    public <T> T startOrStop(Function<Service, T> start) {
        try {
            return start.apply(this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A readiness check that fails as soon as the stop begins, so no new traffic is sent while requests finish. */
    public HealthCheck notStopping() {
        return () -> stopping.get() ? HealthCheck.Result.down("stopping") : HealthCheck.Result.up("serving");
    }

    public boolean isStopping() {
        return stopping.get();
    }

    /** Stops the service because a part failed for good (e.g. Streams shut down); the process should exit non-zero. */
    public void stopBecause(String reason) {
        if (stopping.get()) {
            return;
        }
        failure = reason;
        LOG.error("{} stops: {}", name, reason);
        // off the failing part's own thread: closing Kafka Streams from one of its threads would wait on itself
        Thread stopper = new Thread(this::close, name + "-stop-on-failure");
        stopper.start();
    }

    /** Why the service stopped on its own, or null after a requested stop. */
    public String failure() {
        return failure;
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        List<Part> order;
        synchronized (this) {
            order = new ArrayList<>(parts);
        }
        order.sort(Comparator.comparing(Part::stage).thenComparing(Comparator.comparingInt(Part::order).reversed()));
        long began = System.nanoTime();
        if (!drain.isZero() && order.stream().anyMatch(p -> p.stage() == Stage.HTTP)) {
            LOG.info("{}: not ready; serving {} ms more before stopping", name, drain.toMillis());
            sleepQuietly(drain);
        }
        for (Part part : order) {
            long t = System.nanoTime();
            if (closeQuietly(part.what(), part.resource())) {
                LOG.info("{}: {} stopped in {} ms", name, part.what(), (System.nanoTime() - t) / 1_000_000);
            }
        }
        LOG.info("{} stopped in {} ms", name, (System.nanoTime() - began) / 1_000_000);
        stopped.countDown();
    }

    private boolean closeQuietly(String what, AutoCloseable resource) {
        try {
            resource.close();
            return true;
        } catch (Exception e) {
            LOG.warn("{}: stopping {} failed: {}", name, what, e.toString());
            return false;
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A second close (the shutdown hook after a failure stop) waits for the first to finish. */
    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

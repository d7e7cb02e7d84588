package org.commercecore.localstack.parts;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches an app's readiness while the stack waits for it: says what to log about its state
 * restoration (when the detail changed, at most every {@link #LOG_EVERY}), and decides when the wait
 * gives up. A restoration that makes progress is not cut off: the wait gives up only after a whole
 * timeout without progress, progress being fewer records to go than the reading before (a large
 * state legitimately takes longer than the timeout; one stuck at the same count does not move).
 * Times are {@link System#nanoTime()} readings, passed in so tests need no clock.
 */
final class RestoreWatch {
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final String name;
    private final Duration timeout;
    private final long started;
    private long lastProgress;
    private OptionalLong lastToGo = OptionalLong.empty();
    private String lastLogged;
    private long loggedAt;

    RestoreWatch(String name, Duration timeout, long now) {
        this.name = name;
        this.timeout = timeout;
        this.started = now;
        this.lastProgress = now;
    }

    /** Takes a readiness body in; the line to log, if there is one now. */
    Optional<String> observe(Readiness readiness, long now) {
        OptionalLong toGo = readiness.recordsToGo();
        if (toGo.isPresent() && lastToGo.isPresent() && toGo.getAsLong() < lastToGo.getAsLong()) {
            lastProgress = now;
        }
        if (toGo.isPresent()) {
            lastToGo = toGo;
        }
        Optional<String> detail = readiness.restoring();
        if (detail.isEmpty() || detail.get().equals(lastLogged)
                || (lastLogged != null && now - loggedAt < LOG_EVERY.toNanos())) {
            return Optional.empty();
        }
        lastLogged = detail.get();
        loggedAt = now;
        return Optional.of(name + ": restoring state: " + detail.get());
    }

    /** True once a whole timeout has passed since the start and since the last progress. */
    boolean expired(long now) {
        return now - lastProgress >= timeout.toNanos();
    }

    /** Why the wait gave up, for the message: how long, and for how long without progress if that was longer. */
    String gaveUpAfter(long now) {
        if (lastProgress == started) {
            return "within " + timeout.toSeconds() + " s";
        }
        return "within " + Duration.ofNanos(now - started).toSeconds() + " s (its restoration made no progress for the last "
                + timeout.toSeconds() + " s)";
    }
}

package org.commercecore.platform.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies. Bad records never get here (they are dead-lettered), so
 * an uncaught error is an infrastructure fault: replace the thread, which resumes from the last
 * committed transaction. If threads keep dying, stop this instance instead of spinning: its
 * readiness then turns false and its partitions move to the other instances.
 */
public final class UncaughtErrorPolicy implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrorPolicy.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public UncaughtErrorPolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    public static UncaughtErrorPolicy standard() {
        return new UncaughtErrorPolicy(5, Duration.ofMinutes(1), Clock.systemUTC());
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        recent.addLast(now);
        if (recent.size() > maxReplacements) {
            LOG.error("stream threads died {} times within {}; shutting this instance down", recent.size(), window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread died; replacing it ({} of {} allowed within {})", recent.size(), maxReplacements, window,
                exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}

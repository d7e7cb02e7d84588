package org.commercecore.analytics.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One line per step of a job, numbered and timed, so a long run shows where it is: {@code
 * [daily-sales 3/8] reading payments.events.v1 ... 1,204 records (2.1 s)}.
 */
public final class Progress {
    private final String job;
    private final int steps;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private int step;

    public Progress(String job, int steps, PrintStream out) {
        this.job = job;
        this.steps = steps;
        this.out = out;
    }

    /** Runs one step, printing what it does before and what it found (or failed with) after. */
    public <T> T step(String what, Supplier<T> work, java.util.function.Function<T, String> outcome) {
        step++;
        out.printf("[%s %d/%d] %s ...%n", job, step, steps, what);
        out.flush();
        long start = System.nanoTime();
        T result = work.get();
        out.printf("[%s %d/%d] %s: %s (%.1f s)%n", job, step, steps, what, outcome.apply(result), seconds(start));
        out.flush();
        return result;
    }

    public void note(String line) {
        out.printf("[%s] %s%n", job, line);
        out.flush();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package org.commercecore.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines while the benchmark runs, each stamped with the time since the run began. */
public final class Progress {
    private final PrintStream out;
    private final long began = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String scenario, String format, Object... args) {
        long s = (System.nanoTime() - began) / 1_000_000_000L;
        out.printf(Locale.ROOT, "[%02d:%02d:%02d] %-8s %s%n", s / 3600, s / 60 % 60, s % 60, scenario, String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public long elapsedSeconds() {
        return (System.nanoTime() - began) / 1_000_000_000L;
    }
}

package org.commercecore.apitests;

import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.quicktheories.core.Gen;

/**
 * What a property run saw, printed at its end: statuses per operation (so a reader sees the
 * generated requests reached every route and were not all refused the same way), and the first
 * failure as it happened (shrinking then looks for a smaller one).
 */
final class Tally {
    private static final int EXAMPLES = Integer.getInteger("api-tests.examples", 1500);
    /** Each shrink step resends a request; a few dozen find a small example without taking minutes. */
    private static final int SHRINK_CYCLES = Integer.getInteger("api-tests.shrink-cycles", 40);

    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private final AtomicReference<AssertionError> firstFailure = new AtomicReference<>();
    private int attempts;

    /** Runs {@code attempt} on generated values (QuickTheories), counting what it saw, and prints the tally at the end. */
    static <T> void check(Gen<T> values, BiConsumer<T, Tally> attempt) {
        Tally tally = new Tally();
        try {
            qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(values).checkAssert(value -> {
                try {
                    attempt.accept(value, tally);
                } catch (AssertionError e) {
                    tally.failed(e);
                    throw e;
                }
            });
        } finally {
            System.out.print(tally.summary());
        }
    }

    synchronized void count(String operation, int status) {
        attempts++;
        statuses.computeIfAbsent(operation, o -> new TreeMap<>()).merge(status, 1, Integer::sum);
        if (attempts % 250 == 0) {
            System.out.printf("%d generated requests sent%n", attempts);
        }
    }

    void failed(AssertionError error) {
        if (firstFailure.compareAndSet(null, error)) {
            System.out.println("first failure (shrinking it now): " + error.getMessage());
        }
    }

    synchronized String summary() {
        StringBuilder out = new StringBuilder(attempts + " requests, statuses by operation:\n");
        statuses.forEach((operation, counts) -> out.append("  ").append(operation).append(' ').append(counts).append('\n'));
        return out.toString();
    }
}

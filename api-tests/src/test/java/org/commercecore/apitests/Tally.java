package org.commercecore.apitests;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a property run saw, printed at its end: statuses per operation (so a reader sees the
 * generated requests reached every route and were not all refused the same way), and the first
 * failure as it happened (shrinking then looks for a smaller one).
 */
final class Tally {
    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private final AtomicReference<AssertionError> firstFailure = new AtomicReference<>();
    private int attempts;

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

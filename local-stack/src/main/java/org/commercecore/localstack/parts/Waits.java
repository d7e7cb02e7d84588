package org.commercecore.localstack.parts;

import java.time.Duration;

/** Waiting for a part to become healthy, with a deadline and a message that names the part. */
public final class Waits {
    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }

    /** A health probe; an exception counts as "not yet". */
    @FunctionalInterface
    public interface Probe {
        boolean healthy() throws Exception;
    }

    public static void until(String what, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (probe.healthy()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " did not become healthy within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }
}

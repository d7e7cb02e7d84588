package org.commercecore.localstack.parts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a JVM or server the stack spawned: SIGTERM, a grace period to close cleanly, then SIGKILL. */
final class ChildProcess {
    private ChildProcess() {
    }

    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

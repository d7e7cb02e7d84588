package org.commercecore.localstack.parts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A JVM or server the stack spawned: waiting until it answers, and stopping it (SIGTERM, a grace period, SIGKILL). */
final class ChildProcess {
    private ChildProcess() {
    }

    /**
     * Waits until {@code health} answers 200. If the process exits first or the time runs out, the
     * process is stopped and the error names its log.
     */
    static void awaitHealthy(String name, Process process, URI health, Duration timeout, Path log, Duration stopGrace) {
        Waits.Probe answers = Probes.http(health);
        try {
            Waits.until(name + " at " + health, timeout, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                return answers.healthy();
            });
        } catch (RuntimeException e) {
            stop(process, stopGrace);
            throw e;
        }
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

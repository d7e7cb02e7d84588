package org.commercecore.localstack.parts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JVM or server the stack spawned: waiting until it answers, and stopping it (SIGTERM, a grace period, SIGKILL). */
final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private static final Duration POLL = Duration.ofMillis(100);

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

    /**
     * Waits until an app's {@code ready} (the platform's readiness) answers 200, logging its state
     * restoration as it goes, and for longer than {@code timeout} while that restoration makes progress
     * (see {@link RestoreWatch}). If the process exits first or the wait gives up, the process is
     * stopped and the error names the last answer's failing checks and the log.
     */
    static void awaitReady(String name, Process process, URI ready, Duration timeout, Path log, Duration stopGrace) {
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(HTTP_TIMEOUT).GET().build();
        RestoreWatch watch = new RestoreWatch(name, timeout, System.nanoTime());
        String last = "no answer yet";
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                    Readiness readiness = Readiness.parse(answer.body());
                    last = "HTTP " + answer.statusCode() + ", failing: " + readiness.failingChecks();
                    watch.observe(readiness, System.nanoTime()).ifPresent(LOG::info);
                } catch (java.io.IOException e) {
                    last = "no answer: " + e;
                }
                if (watch.expired(System.nanoTime())) {
                    throw new IllegalStateException(name + " at " + ready + " did not become ready "
                            + watch.gaveUpAfter(System.nanoTime()) + "; last readiness: " + last + "; see " + log);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process, stopGrace);
            throw new IllegalStateException("interrupted while waiting for " + name + " at " + ready, e);
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

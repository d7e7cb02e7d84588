package org.commercecore.connectors.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a connector whose tasks (or itself) failed, as Strimzi's connector auto-restart does.
 * Connect leaves a task that died on a passing fault FAILED until someone restarts it: the JDBC
 * sinks died so when PostgreSQL restarted under the fault matrix, and the projections stopped. Each
 * further restart of the same connector waits twice as long (from one poll interval up to
 * {@link #LONGEST}), so a connector that cannot work is not hammered; seen healthy, it starts over.
 * Counted as {@code commerce.connect.restarts{connector}}.
 */
final class FailedTaskRestarts {
    static final Duration LONGEST = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(FailedTaskRestarts.class);

    private record Attempts(int made, Instant notBefore) {
    }

    private final Consumer<String> restartFailed;
    private final Duration first;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Attempts> failing = new HashMap<>();

    /** {@code restartFailed} restarts a connector's failed instance and tasks, e.g. ConnectClient::restartFailed. */
    FailedTaskRestarts(Consumer<String> restartFailed, Duration first, Clock clock, MeterRegistry meters) {
        this.restartFailed = restartFailed;
        this.first = first;
        this.clock = clock;
        this.meters = meters;
    }

    /** Given the connectors' states ({@code GET /connectors?expand=status}), restarts the failed ones that are due. */
    void after(JsonNode connectors) {
        Instant now = clock.instant();
        connectors.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (!failed(entry.getValue().path("status"))) {
                failing.remove(name);
                return;
            }
            Attempts attempts = failing.getOrDefault(name, new Attempts(0, Instant.MIN));
            if (now.isBefore(attempts.notBefore())) {
                return;
            }
            LOG.warn("connector {} has failed tasks; restarting them (restart {} in a row)", name, attempts.made() + 1);
            restartFailed.accept(name);
            Counter.builder("commerce.connect.restarts").description("restarts of a connector's failed tasks by the monitor")
                    .tag("connector", name).register(meters).increment();
            failing.put(name, new Attempts(attempts.made() + 1, now.plus(backoff(attempts.made() + 1))));
        });
    }

    /** The wait after the {@code made}-th restart in a row: the first interval, doubled each time, at most {@link #LONGEST}. */
    Duration backoff(int made) {
        Duration wait = first.multipliedBy(1L << Math.min(made - 1, 20));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    private static boolean failed(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return true;
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }
}

package org.commercecore.platform.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.commercecore.platform.registry.RegistryClient;

/** The health checks the services share. */
public final class HealthChecks {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private HealthChecks() {
    }

    /** Ready only while the instance is RUNNING (not while rebalancing or restoring state). */
    public static HealthCheck streamsRunning(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return new HealthCheck.Result(state == KafkaStreams.State.RUNNING, state.name());
        };
    }

    /**
     * Alive unless the Streams instance has failed for good (ERROR, or stopped after an
     * uncaught-error shutdown): an orchestrator should then restart the process.
     */
    public static HealthCheck streamsAlive(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                    && state != KafkaStreams.State.NOT_RUNNING && state != KafkaStreams.State.PENDING_SHUTDOWN;
            return new HealthCheck.Result(alive, state.name());
        };
    }

    /** The Kafka cluster answers a metadata request. */
    public static HealthCheck kafka(Admin admin) {
        return guarded(() -> {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? HealthCheck.Result.up(nodes + " broker(s)") : HealthCheck.Result.down("no brokers");
        });
    }

    /** An HTTP dependency answers 2xx at the given URL (e.g. the schema registry). */
    public static HealthCheck http(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        return guarded(() -> {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new HealthCheck.Result(status / 100 == 2, "HTTP " + status);
        });
    }

    /** A dependency that answers {@code true} to {@code probe} (e.g. a Redis PING, a pooled connection's isValid). */
    public static HealthCheck answers(Callable<Boolean> probe) {
        return guarded(() -> probe.call() ? HealthCheck.Result.up("ok") : HealthCheck.Result.down("not answering"));
    }

    /** A probe that throws is a failed check that says why, never an error page. */
    private static HealthCheck guarded(Callable<HealthCheck.Result> probe) {
        return () -> {
            try {
                return probe.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HealthCheck.Result.down("interrupted");
            } catch (Exception e) {
                return HealthCheck.Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    /** The schema registry's Confluent-compatible API answers. */
    public static HealthCheck schemaRegistry(URI registryBaseUrl) {
        return http(RegistryClient.compatApi(registryBaseUrl).resolve("subjects"));
    }
}

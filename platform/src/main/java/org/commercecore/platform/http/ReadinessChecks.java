package org.commercecore.platform.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;

/** The readiness checks the services share. */
public final class ReadinessChecks {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ReadinessChecks() {
    }

    /** Ready only while the instance is RUNNING (not while rebalancing or restoring state). */
    public static ReadinessCheck streamsRunning(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return new ReadinessCheck.Result(state == KafkaStreams.State.RUNNING, state.name());
        };
    }

    /** The Kafka cluster answers a metadata request. */
    public static ReadinessCheck kafka(Admin admin) {
        return () -> {
            try {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                return nodes > 0 ? ReadinessCheck.Result.ready(nodes + " broker(s)")
                        : ReadinessCheck.Result.notReady("no brokers");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ReadinessCheck.Result.notReady("interrupted");
            } catch (Exception e) {
                return ReadinessCheck.Result.notReady(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    /** An HTTP dependency answers 2xx at the given URL (e.g. the schema registry). */
    public static ReadinessCheck http(URI url) {
        return () -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                return new ReadinessCheck.Result(status / 100 == 2, "HTTP " + status);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ReadinessCheck.Result.notReady("interrupted");
            } catch (Exception e) {
                return ReadinessCheck.Result.notReady(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    /** The schema registry's Confluent-compatible API answers. */
    public static ReadinessCheck schemaRegistry(URI registryBaseUrl) {
        return http(URI.create(registryBaseUrl.toString().replaceAll("/+$", "") + "/apis/ccompat/v7/subjects"));
    }
}

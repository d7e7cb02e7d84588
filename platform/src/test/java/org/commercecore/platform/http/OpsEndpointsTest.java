package org.commercecore.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsEndpointsTest {
    private final AtomicBoolean dependencyUp = new AtomicBoolean(false);
    private final AtomicBoolean recoverable = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();
    private Metrics metrics;
    private OpsServer server;

    @BeforeEach
    void start() {
        metrics = new Metrics("ops-test");
        OpsEndpoints endpoints = new OpsEndpoints(metrics)
                .liveWhen("engine", () -> recoverable.get()
                        ? HealthCheck.Result.up("RUNNING") : HealthCheck.Result.down("ERROR"))
                .readyWhen("dependency", () -> dependencyUp.get()
                        ? HealthCheck.Result.up("answers") : HealthCheck.Result.down("unreachable"));
        server = OpsServer.start(endpoints, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void livenessIgnoresDependenciesButNotAFailedEngine() throws Exception {
        assertThat(get("/health/live").statusCode()).as("a dependency being down is no reason to restart").isEqualTo(200);
        recoverable.set(false);
        HttpResponse<String> dead = get("/health/live");
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(dead.body()).contains("\"engine\"").contains("ERROR");
    }

    @Test
    void readinessFollowsItsChecksAndSaysWhich() throws Exception {
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"dependency\"").contains("unreachable").contains("DOWN");

        dependencyUp.set(true);
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("UP");
    }

    @Test
    void readinessIsAlsoAGaugeEvaluatedAtEachScrape() throws Exception {
        assertThat(get("/metrics").body()).containsPattern("(?m)^commerce_service_ready\\{service=\"ops-test\"} 0(\\.0)?$");
        dependencyUp.set(true);
        assertThat(get("/metrics").body()).containsPattern("(?m)^commerce_service_ready\\{service=\"ops-test\"} 1(\\.0)?$");
    }

    @Test
    void metricsArePrometheusTextWithJvmMeters() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("service=\"ops-test\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingAgentTest {
    private static final URI ZIPKIN = URI.create("http://127.0.0.1:9411/api/v2/spans");

    @TempDir
    Path dir;

    @Test
    void anAppIsTracedUnderItsNameToZipkinAndTheStacksOwnAgentVariablesWin() throws Exception {
        Path jar = Files.writeString(dir.resolve("opentelemetry-javaagent.jar"), "");
        Map<String, String> stackEnvironment = Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.1");
        AppProcess.Extras extras = new TracingAgent(jar, ZIPKIN, stackEnvironment::get)
                .extrasFor(new AppProcess.App("commerce-orders", "streams-apps/orders", "org.commercecore.orders.OrdersApp"));

        assertThat(extras.jvmOptions()).containsExactly("-javaagent:" + jar);
        assertThat(extras.environment())
                .containsEntry("OTEL_SERVICE_NAME", "commerce-orders")
                .containsEntry("OTEL_TRACES_EXPORTER", "zipkin")
                .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", ZIPKIN.toString())
                .containsEntry("OTEL_METRICS_EXPORTER", "none")
                .containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                // only the variables it sets itself: the sampler's argument reaches the app from the stack's environment
                .doesNotContainKey("OTEL_TRACES_SAMPLER_ARG");
    }

    @Test
    void withoutTheAgentBuiltItSaysHowToBuildIt() {
        assertThatThrownBy(() -> new TracingAgent(dir.resolve("missing.jar"), ZIPKIN, name -> null))
                .hasMessageContaining("mvn -pl local-stack package");
    }
}

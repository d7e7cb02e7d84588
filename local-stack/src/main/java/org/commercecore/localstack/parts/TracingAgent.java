package org.commercecore.localstack.parts;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How an app is launched traced: with the OpenTelemetry Java agent, named after the app, sending
 * its spans to Zipkin. The agent's own variables ({@code OTEL_*}) set in the stack's environment
 * win over the defaults here, so sampling ({@code OTEL_TRACES_SAMPLER}, {@code OTEL_TRACES_SAMPLER_ARG})
 * and anything else the agent reads are the operator's to choose.
 */
public final class TracingAgent {
    private final Path agentJar;
    private final URI spansEndpoint;
    private final Function<String, String> stackEnvironment;

    public TracingAgent(Path agentJar, URI spansEndpoint, Function<String, String> stackEnvironment) {
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalStateException("the OpenTelemetry agent is not at " + agentJar + "; build the local stack: mvn -pl local-stack package");
        }
        this.agentJar = agentJar;
        this.spansEndpoint = spansEndpoint;
        this.stackEnvironment = stackEnvironment;
    }

    /** The agent's options for one app (its service name is the app's name). */
    public AppProcess.Extras extrasFor(AppProcess.App app) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("OTEL_SERVICE_NAME", app.name());
        defaults.put("OTEL_TRACES_EXPORTER", "zipkin");
        defaults.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", spansEndpoint.toString());
        // metrics are Micrometer's on /metrics and logs go to the console: the agent exports traces only
        defaults.put("OTEL_METRICS_EXPORTER", "none");
        defaults.put("OTEL_LOGS_EXPORTER", "none");
        // every trace a client starts is kept unless the operator samples (a parent's decision is followed)
        defaults.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
        // spans reach Zipkin within a second, so a trace can be looked at (and fetched by a test) right after the order
        defaults.put("OTEL_BSP_SCHEDULE_DELAY", "1000");
        Map<String, String> environment = new LinkedHashMap<>();
        defaults.forEach((name, value) -> {
            String given = stackEnvironment.apply(name);
            environment.put(name, given == null || given.isBlank() ? value : given);
        });
        return new AppProcess.Extras(List.of("-javaagent:" + agentJar), environment);
    }
}

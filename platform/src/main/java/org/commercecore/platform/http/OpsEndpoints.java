package org.commercecore.platform.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP surface every service shares: {@code /health/live}, {@code /health/ready} and
 * {@code /metrics}. API services add these to their own Javalin config; streams apps run them on
 * an {@link OpsServer}.
 */
public final class OpsEndpoints {
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final Metrics metrics;

    public OpsEndpoints(Metrics metrics) {
        this.metrics = metrics;
    }

    public OpsEndpoints readyWhen(String name, ReadinessCheck check) {
        checks.put(name, check);
        return this;
    }

    public void addTo(JavalinConfig config) {
        config.routes.get(LIVE, ctx -> ctx.json(Map.of("status", "UP")));
        config.routes.get(READY, this::ready);
        config.routes.get(METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }

    private void ready(Context ctx) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allReady = true;
        for (var entry : checks.entrySet()) {
            ReadinessCheck.Result result = entry.getValue().check();
            allReady &= result.ready();
            details.put(entry.getKey(), Map.of("ready", result.ready(), "detail", result.detail()));
        }
        ctx.status(allReady ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("status", allReady ? "UP" : "DOWN", "checks", details));
    }
}

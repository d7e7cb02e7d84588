package org.commercecore.platform.http;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.Gauge;
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

    private final Map<String, HealthCheck> liveness = new LinkedHashMap<>();
    private final Map<String, HealthCheck> readiness = new LinkedHashMap<>();
    private final Metrics metrics;

    public OpsEndpoints(Metrics metrics) {
        this.metrics = metrics;
        // evaluated at each scrape, so Prometheus sees readiness flap even when no load balancer polls it
        Gauge.builder(READY_METER, this, ops -> ops.ready() ? 1 : 0)
                .description("1 when every readiness check passes (what /health/ready answers 200 for), else 0")
                .register(metrics.registry());
    }

    static final String READY_METER = "commerce.service.ready";

    private boolean ready() {
        return readiness.values().stream().allMatch(check -> check.check().up());
    }

    /** The registry {@code /metrics} shows; the API server records its requests there. */
    public Metrics metrics() {
        return metrics;
    }

    /** A condition without which the process should be restarted (it cannot recover on its own). */
    public OpsEndpoints liveWhen(String name, HealthCheck check) {
        liveness.put(name, check);
        return this;
    }

    /** A condition without which the process should get no traffic for now. */
    public OpsEndpoints readyWhen(String name, HealthCheck check) {
        readiness.put(name, check);
        return this;
    }

    public void addTo(JavalinConfig config) {
        config.routes.get(LIVE, ctx -> answer(ctx, liveness));
        config.routes.get(READY, ctx -> answer(ctx, readiness));
        config.routes.get(METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }

    /** 200 when every check passes, else 503; the body names each check and what it saw. */
    private static void answer(Context ctx, Map<String, HealthCheck> checks) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allUp = true;
        for (var entry : checks.entrySet()) {
            HealthCheck.Result result = entry.getValue().check();
            allUp &= result.up();
            details.put(entry.getKey(), Map.of("up", result.up(), "detail", result.detail()));
        }
        ctx.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("status", allUp ? "UP" : "DOWN", "checks", details));
    }
}

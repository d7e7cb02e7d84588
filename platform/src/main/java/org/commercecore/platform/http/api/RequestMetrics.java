package org.commercecore.platform.http.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every answered request as {@code http_server_requests_seconds} (Micrometer's name), tagged by
 * method, route template ({@code /orders/{id}}, never the id itself: tags stay bounded) and status.
 * A request no route matched is tagged {@code route="unmatched"}. Also how a test or an operator
 * tells what reached an instance, e.g. that a gateway's cache or rate limit kept a request away.
 */
final class RequestMetrics {
    static final String UNMATCHED = "unmatched";
    /** Fixed latency buckets ({@code _bucket{le=...}}), few enough to keep every route and status affordable; the gateway has the same. */
    private static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);
    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context ctx, Float millis) {
        Timer.builder("http.server.requests").description("HTTP requests answered, by route template and status")
                .tag("method", ctx.method().name()).tag("route", route(ctx)).tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null || endpoint.path.equals("*") ? UNMATCHED : endpoint.path;
        } catch (RuntimeException noEndpoint) {
            return UNMATCHED;
        }
    }
}

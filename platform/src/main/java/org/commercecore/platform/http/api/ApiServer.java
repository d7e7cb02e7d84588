package org.commercecore.platform.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.commercecore.platform.http.OpsEndpoints;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin setup both HTTP APIs share, as code: a request id on every response, a request size
 * limit, errors as {@code application/problem+json}, the OpenAPI document, the ops endpoints, and
 * a graceful stop (requests under way finish, new ones are refused). Bodies are read with
 * {@link JsonBody}, which answers a bad one itself; any other exception is a 500.
 *
 * <p>Jetty answers some requests before any route runs: a URI it refuses (a NUL, an ambiguous
 * {@code %2e%2e} or {@code %2f}, bad percent-encoding), headers over {@link #MAX_HEADER_BYTES}, a
 * bad request line. {@link ProblemErrorHandler} gives those answers the same shape. URIs are held
 * to Jetty's {@link UriCompliance#DEFAULT} rather than the {@code LEGACY} mode Javalin sets: no
 * route of ours takes an encoded separator or dot segment, and one that reached a path parameter
 * ({@code /orders/..%2f..%2fx}) would only confuse what the id means.
 */
public final class ApiServer implements AutoCloseable {
    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    /**
     * The request line and headers together; Jetty's default is 8 KiB. Raised so that one long
     * header (an {@code Idempotency-Key} of 10 KB, say) reaches the route, which names it in a 400,
     * instead of Jetty's anonymous 431.
     */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** The app, configured but not started (tests list its routes without a port). */
    public static Javalin create(OpsEndpoints ops, OpenApiDocument openApi, Consumer<JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new ResponseJsonMapper());
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_GRACE.toMillis());
                server.setStopAtShutdown(false); // stopped by close(), after the app's own shutdown steps
                server.setErrorHandler(new ProblemErrorHandler());
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setUriCompliance(UriCompliance.DEFAULT);
            });
            config.requestLogger.http(new RequestMetrics(ops.metrics().registry())::record);
            config.routes.before(ApiServer::requestId);
            config.routes.before(ApiServer::securityHeaders);
            config.routes.exception(ProblemException.class, (e, ctx) -> {
                e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(ProblemException.retryAfterSeconds(wait))));
                problem(ctx, e.problem());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx,
                    Problem.of(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(), ctx.header(REQUEST_ID), e);
                problem(ctx, Problem.of(500, "internal", "Internal error",
                        "the request failed on our side; quote request id " + ctx.res().getHeader(REQUEST_ID)));
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) { // a handler's own 404 problem stays as it is
                    problem(ctx, Problem.of(404, "not-found", "Not found", "no resource at " + ctx.path()));
                }
            });
            config.routes.error(413, ctx -> problem(ctx, Problem.of(413, "too-large", "Request too large",
                    "request bodies are limited to " + MAX_REQUEST_BYTES + " bytes")));
            ops.addTo(config);
            openApi.addTo(config);
            routes.accept(config);
        });
    }

    public static ApiServer start(Javalin app, String host, int port) {
        app.start(host, port);
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    /** Echoes a well-formed client request id, or makes one; handlers and logs can read it from the response. */
    private static void requestId(Context ctx) {
        requestId(ctx.header(REQUEST_ID), ctx::header);
    }

    static void requestId(String given, BiConsumer<String, String> header) {
        header.accept(REQUEST_ID, given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString());
    }

    /**
     * What a JSON API should say of every answer: never sniff it as another type, frame it, refer
     * from it or store it (bodies carry tokens and personal data; a route whose answer may be cached,
     * e.g. a public product card, sets its own Cache-Control).
     */
    private static void securityHeaders(Context ctx) {
        securityHeaders(ctx::header);
    }

    static void securityHeaders(BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        header.accept("Referrer-Policy", "no-referrer");
        header.accept("Cache-Control", "no-store");
    }

    static void problem(Context ctx, Problem problem) {
        if (problem.status() == 503 && ctx.res().getHeader("Retry-After") == null) {
            ctx.header("Retry-After", "1"); // a passing state (a rebalance, an unreachable peer): try again soon
        }
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json(problem.at(ctx.path())));
    }

    static String json(Problem problem) {
        try {
            return ApiJson.mapper().writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops accepting requests, lets those under way finish (up to a grace period), then stops. */
    @Override
    public void close() {
        app.stop();
    }
}

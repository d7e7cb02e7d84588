package org.commercecore.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A trace carried where no instrumentation carries it: in a write-side row, through PostgreSQL's
 * log and Debezium, to the intake that turns the row into an event. The command API stores the
 * W3C {@code traceparent} of the request with the row; the intake continues that trace.
 *
 * <p>Everything else (HTTP, JDBC, Kafka producers and consumers, Kafka Streams, Redis, AMQP) is
 * traced by the OpenTelemetry Java agent, which also answers the API calls made here. Without the
 * agent the API is a no-op: no span is started and {@link #currentTraceparent()} is empty.
 */
public final class TraceContext {
    /** The column a traced row carries its request's traceparent in. */
    public static final String TRACEPARENT_COLUMN = "trace_parent";
    /** Version 00 of W3C Trace Context, the one OpenTelemetry writes (and the write side's CHECK accepts). */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String HEADER = "traceparent";
    private static final String INSTRUMENTATION_SCOPE = "org.commercecore";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** A step that may fail with a checked exception of its own. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code step} in a client span of its own, child of the current one: a call to the outside
     * that no instrumentation sees (an SMTP delivery). A step that throws ends its span as an error.
     */
    public static <E extends Exception> void inClientSpan(String name, Step<E> step) throws E {
        runIn(GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE).spanBuilder(name).setSpanKind(SpanKind.CLIENT).startSpan(), step);
    }

    /** Runs {@code step} with {@code span} current and ends it, as an error if the step throws. */
    private static <E extends Exception> void runIn(Span span, Step<E> step) throws E {
        try (Scope ignored = span.makeCurrent()) {
            step.run();
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The traceparent of the span current on this thread, when a trace is being recorded. */
    public static Optional<String> currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(HEADER));
    }

    /**
     * Runs {@code body} in a span named {@code name} that continues the trace of {@code traceparent}
     * (anything but a well-formed traceparent is ignored: the span then continues whatever is current).
     * The span the instrumentation had current, if any, is linked, so neither trace loses the hop.
     */
    public static void continueIn(String name, Optional<String> traceparent, Runnable body) {
        SpanContext current = Span.current().getSpanContext();
        Optional<Context> stored = traceparent.filter(TRACEPARENT.asMatchPredicate())
                .map(value -> W3C.extract(Context.root(), value, ONE_TRACEPARENT));
        SpanBuilder builder = GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE).spanBuilder(name)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(stored.orElse(Context.current()));
        if (stored.isPresent() && current.isValid()) {
            builder.addLink(current);
        }
        Step<RuntimeException> step = body::run;
        runIn(builder.startSpan(), step);
    }
}

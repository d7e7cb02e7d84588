package org.commercecore.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an SDK registered as the agent registers its own; without one, every call is a no-op. */
class TraceContextTest {
    private static final String STORED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String STORED_SPAN = "00f067aa0ba902b7";
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void registerSdk() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .buildAndRegisterGlobal();
    }

    @AfterEach
    void unregister() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void theCurrentSpanIsWrittenAsATraceparentAndNothingWithoutOne() {
        assertThat(TraceContext.currentTraceparent()).isEmpty();
        Span request = sdk.getTracer("test").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            assertThat(TraceContext.currentTraceparent()).hasValue(
                    "00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId() + "-"
                            + request.getSpanContext().getTraceFlags().asHex());
            assertThat(request.getSpanContext().isSampled()).isTrue();
        } finally {
            request.end();
        }
    }

    @Test
    void aStoredTraceparentIsContinuedAndTheSpanThatWasCurrentIsLinked() {
        Span process = sdk.getTracer("test").spanBuilder("cdc.public.orders process").startSpan();
        String[] inBody = new String[1];
        try (Scope ignored = process.makeCurrent()) {
            TraceContext.continueIn("orders intake", Optional.of("00-" + STORED_TRACE + "-" + STORED_SPAN + "-01"),
                    () -> inBody[0] = TraceContext.currentTraceparent().orElseThrow());
        } finally {
            process.end();
        }

        SpanData intake = only("orders intake");
        assertThat(intake.getTraceId()).isEqualTo(STORED_TRACE);
        assertThat(intake.getParentSpanId()).isEqualTo(STORED_SPAN);
        assertThat(inBody[0]).isEqualTo("00-" + STORED_TRACE + "-" + intake.getSpanId() + "-01");
        assertThat(intake.getLinks()).singleElement().satisfies(link -> assertThat(link.getSpanContext()).isEqualTo(process.getSpanContext()));
    }

    @Test
    void aMalformedOrMissingTraceparentContinuesWhateverIsCurrent() {
        Span process = sdk.getTracer("test").spanBuilder("process").startSpan();
        try (Scope ignored = process.makeCurrent()) {
            TraceContext.continueIn("malformed", Optional.of("00-" + STORED_TRACE + "-" + STORED_SPAN + "-01; DROP TABLE"), () -> { });
            TraceContext.continueIn("missing", Optional.empty(), () -> { });
        } finally {
            process.end();
        }
        for (String name : List.of("malformed", "missing")) {
            SpanData span = only(name);
            assertThat(span.getTraceId()).isEqualTo(process.getSpanContext().getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(process.getSpanContext().getSpanId());
            assertThat(span.getLinks()).isEmpty();
        }
    }

    @Test
    void aFailingBodyEndsItsSpanAsAnErrorAndStillThrows() {
        assertThatThrownBy(() -> TraceContext.continueIn("orders intake", Optional.empty(), () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        SpanData intake = only("orders intake");
        assertThat(intake.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(intake.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    @Test
    void aClientStepIsAChildSpanAndItsCheckedFailureMarksIt() throws Exception {
        Span process = sdk.getTracer("test").spanBuilder("notifications.v1 process").startSpan();
        try (Scope ignored = process.makeCurrent()) {
            TraceContext.inClientSpan("email delivery", () -> { });
            assertThatThrownBy(() -> TraceContext.inClientSpan("push delivery", () -> {
                throw new java.io.IOException("503 from the webhook");
            })).isInstanceOf(java.io.IOException.class);
        } finally {
            process.end();
        }
        SpanData sent = only("email delivery");
        assertThat(sent.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CLIENT);
        assertThat(sent.getParentSpanId()).isEqualTo(process.getSpanContext().getSpanId());
        assertThat(sent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(only("push delivery").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void withoutAnSdkNothingIsRecordedAndTheBodyStillRuns() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
        boolean[] ran = new boolean[1];
        TraceContext.continueIn("orders intake", Optional.of("00-" + STORED_TRACE + "-" + STORED_SPAN + "-01"), () -> ran[0] = true);
        assertThat(ran[0]).isTrue();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private SpanData only(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).hasSize(1);
        return named.get(0);
    }
}

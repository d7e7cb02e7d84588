package org.commercecore.gatewaye2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One trace as Zipkin's API answers it ({@code GET /api/v2/trace/{id}}): its spans, by service. */
final class Trace {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<JsonNode> spans;

    private Trace(List<JsonNode> spans) {
        this.spans = spans;
    }

    /** The trace's spans received so far (none while Zipkin has none of it). */
    static Trace fetch(URI zipkin, String traceId) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(zipkin.resolve("api/v2/trace/" + traceId))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> spans = new ArrayList<>();
        if (answer.statusCode() == 200) {
            new ObjectMapper().readTree(answer.body()).forEach(spans::add);
        }
        return new Trace(spans);
    }

    /** Every service that reported a span of this trace. */
    Set<String> services() {
        Set<String> names = new TreeSet<>();
        spans.forEach(span -> names.add(span.path("localEndpoint").path("serviceName").asText()));
        return names;
    }

    /** The names of the spans one service reported. */
    Set<String> spanNames(String service) {
        Set<String> names = new TreeSet<>();
        spans.stream().filter(span -> service.equals(span.path("localEndpoint").path("serviceName").asText()))
                .forEach(span -> names.add(span.path("name").asText()));
        return names;
    }

    /** One span per line (service, kind, name), for a failed assertion to show. */
    @Override
    public String toString() {
        StringBuilder lines = new StringBuilder();
        spans.forEach(span -> lines.append(String.format("%n  %-24s %-8s %s", span.path("localEndpoint").path("serviceName").asText(),
                span.path("kind").asText(), span.path("name").asText())));
        return spans.size() + " spans:" + lines;
    }
}

package org.commercecore.localstack.demo;

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
import java.util.Map;

/**
 * JSON over HTTP to one of the APIs, as any client would call it: used by the demo, and by the
 * black-box tests of the APIs.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    /** Status, headers and the parsed body (an empty object when there was none). */
    public record Reply(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The fields a problem document names, e.g. [lines[0].sku]. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }
    }

    /** {@code path} under the base, whose own path (the gateway's {@code /api/v1}) is kept. */
    private URI at(String path) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path);
    }

    /** {@code body} is serialized to JSON, or sent as is when it is a String. */
    public Reply send(String method, String path, Object body, String token, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(40))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + at(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Reply post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Reply get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    /** The reply's body if it has one of the statuses; otherwise fails, saying what came back. */
    public static JsonNode expect(Reply reply, String what, int... statuses) {
        for (int s : statuses) {
            if (reply.status() == s) {
                return reply.body();
            }
        }
        throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.body());
    }
}

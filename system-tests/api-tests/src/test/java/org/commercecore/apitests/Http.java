package org.commercecore.apitests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests exactly as generated: the path goes out as written (no normalising, no encoding), the
 * body as bytes. HTTP/1.1, as a proxy or a curl would send it.
 */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Request(String method, String rawPath, Map<String, String> headers, byte[] body) {
        static Request of(String method, String rawPath) {
            return new Request(method, rawPath, Map.of(), null);
        }

        Request withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, rawPath, copy, body);
        }

        Request withToken(String token) {
            return token == null ? this : withHeader("Authorization", "Bearer " + token);
        }

        Request withJson(String json) {
            return withBody(json.getBytes(StandardCharsets.UTF_8)).withHeader("Content-Type", "application/json");
        }

        Request withBody(byte[] bytes) {
            return new Request(method, rawPath, headers, bytes);
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "" : " " + abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(rawPath) + " " + headers.keySet() + shownBody;
        }

        private static String abbreviate(String s) {
            return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
        }
    }

    record Reply(int status, String contentType, String requestId, String body) {
        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    static Reply send(URI base, Request request) {
        URI uri;
        try {
            uri = URI.create(base + request.rawPath());
        } catch (IllegalArgumentException notAUri) {
            return RawHttp.send(base, request); // e.g. a lone '%': java.net.URI refuses it, a server must not crash on it
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("X-Request-Id").orElse(null), response.body());
        } catch (IOException e) {
            throw new AssertionError(request + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Http() {
    }
}

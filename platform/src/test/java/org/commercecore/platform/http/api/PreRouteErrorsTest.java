package org.commercecore.platform.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Jetty refuses before any route runs comes back in the app's shape: problem+json, a request
 * id, the security headers. Sent over a raw socket, since an HTTP client would normalise or refuse
 * these requests itself.
 */
class PreRouteErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Metrics metrics;
    private static ApiServer server;

    @BeforeAll
    static void start() {
        metrics = new Metrics("pre-route-errors-test");
        server = ApiServer.start(ApiServer.create(new OpsEndpoints(metrics), OpenApiDocument.fromResource("/json-body-test.openapi.yaml"),
                config -> {
                    config.routes.get("/things/{id}", ctx -> ctx.json(Map.of("id", ctx.pathParam("id"))));
                    config.routes.get("/key", ctx -> ctx.json(Map.of("length", ctx.header("Idempotency-Key").length())));
                }), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/things/a%00b        | the request is not valid HTTP, or its URI is not one this server accepts",
        "/things/%2e%2e/x     | Ambiguous URI path segment",
        "/things/%2E%2E       | Ambiguous URI path segment",
        "/things/..%2fx       | Ambiguous URI path separator",
        "/things/a%2Fb        | Ambiguous URI path separator",
        "/things/a%25b        | Ambiguous URI path encoding",
        "/things/%zz          | the request is not valid HTTP, or its URI is not one this server accepts",
        "/things/%c0%ae       | Bad UTF-8 encoding",
        "/../etc/passwd       | the request is not valid HTTP, or its URI is not one this server accepts",
        "//things/x           | Ambiguous URI empty segment",
    })
    void aUriJettyRefusesIsA400Problem(String path, String detail) throws IOException {
        Raw answer = send("GET " + path + " HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(answer.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://commerce-core.dev/problems/bad-request");
        assertThat(problem.path("title").asText()).isEqualTo("Bad request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).isEqualTo(detail);
        assertThat(problem.has("instance")).as("the refused URI is not echoed").isFalse();
    }

    @Test
    void aClientsRequestIdAndTheSecurityHeadersAreOnJettysAnswersToo() throws IOException {
        Raw answer = send("GET /things/%2e%2e/x HTTP/1.1\r\nHost: api\r\nX-Request-Id: client-7\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Request-Id")).isEqualTo("client-7");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aMalformedRequestLineIsA400Problem() throws IOException {
        Raw answer = send("GET /things/a b HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).isEqualTo("Illegal character SPACE=' '");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws IOException {
        Raw answer = send("GET /things/x HTTP/1.1\r\nHost: api\r\nX-Padding: " + "p".repeat(ApiServer.MAX_HEADER_BYTES)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        assertThat(answer.json().path("type").asText()).isEqualTo("https://commerce-core.dev/problems/headers-too-large");
        assertThat(answer.json().path("detail").asText()).isEqualTo("the request's headers are larger than 16384 bytes");
    }

    @Test
    void aUriOverTheLimitIsA414Problem() throws IOException {
        Raw answer = send("GET /things/" + "a".repeat(ApiServer.MAX_HEADER_BYTES) + " HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(answer.json().path("type").asText()).isEqualTo("https://commerce-core.dev/problems/uri-too-long");
    }

    @Test
    void aTenKilobyteHeaderReachesTheRouteSoTheRouteCanNameIt() throws IOException {
        Raw answer = send("GET /key HTTP/1.1\r\nHost: api\r\nIdempotency-Key: " + "k".repeat(10 * 1024) + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("length").asInt()).isEqualTo(10 * 1024);
    }

    @Test
    void aHeadRequestGetsTheProblemsHeadersWithoutItsBody() throws IOException {
        Raw answer = send("HEAD /things/%2e%2e/x HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aWellFormedPathParameterStillReachesItsRoute() throws IOException {
        Raw answer = send("GET /things/A-1.b_2 HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo("A-1.b_2");
    }

    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One request on its own connection; the server closes it after answering ({@code Connection: close}, or a bad message). */
    private static Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }
}

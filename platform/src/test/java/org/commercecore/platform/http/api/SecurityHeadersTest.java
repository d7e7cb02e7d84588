package org.commercecore.platform.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer of an API server, a route's, a problem or an unknown path's, carries the security headers. */
class SecurityHeadersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Metrics metrics;
    private static ApiServer server;

    @BeforeAll
    static void start() {
        metrics = new Metrics("security-headers-test");
        server = ApiServer.start(ApiServer.create(new OpsEndpoints(metrics), OpenApiDocument.fromResource("/json-body-test.openapi.yaml"),
                config -> {
                    config.routes.get("/token", ctx -> ctx.json(Map.of("access_token", "not-a-real-token")));
                    config.routes.get("/public", ctx -> ctx.header("Cache-Control", "public, max-age=10").json(Map.of("sku", "A")));
                    config.routes.get("/counted/{id}", ctx -> ctx.json(Map.of("id", ctx.pathParam("id"))));
                    config.routes.get("/later/{id}", ctx -> ctx.future(() -> java.util.concurrent.CompletableFuture.supplyAsync(() -> "x")
                            .thenAccept(ctx::result)));
                }), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void aRouteAnswerIsNeitherSniffedFramedReferredFromNorStored() throws Exception {
        HttpHeaders headers = get("/token").headers();

        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aProblemForAnUnknownPathCarriesThemToo() throws Exception {
        HttpResponse<String> answer = get("/nowhere");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aRouteMayAllowCachingOfItsOwnAnswer() throws Exception {
        assertThat(get("/public").headers().allValues("Cache-Control")).containsExactly("public, max-age=10");
    }

    @Test
    void everyAnswerIsCountedByRouteTemplateAndStatus() throws Exception {
        get("/counted/1");
        get("/counted/2");
        get("/later/1");
        get("/nowhere/at/all");

        String scrape = metrics.scrape();
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/counted/\\{id}\"[^}]*status=\"200\"[^}]*} 2");
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"unmatched\"[^}]*status=\"404\"");
        System.out.println(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList());
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/later/\\{id}\"[^}]*status=\"200\"[^}]*} 1");
        assertThat(scrape).doesNotContain("/nowhere/at/all").doesNotContain("/counted/1");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

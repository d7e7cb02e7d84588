package org.commercecore.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own answers, in the APIs' shape: an RFC 9457 problem document with the same type
 * URIs ({@code https://commerce-core.dev/problems/<slug>}), so a client handles a 429 from the edge
 * and one from the command API alike.
 */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
    private static final String TYPES = "https://commerce-core.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty(); // the backend's answer has begun: nothing sensible can replace it
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setCacheControl("no-store");
        byte[] body = json(status, slug, title, detail, exchange.getRequest().getPath().value());
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static byte[] json(HttpStatus status, String slug, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPES + slug);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }
}

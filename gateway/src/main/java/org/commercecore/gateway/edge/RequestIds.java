package org.commercecore.gateway.edge;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request leaves the edge with an {@code X-Request-Id} (the client's, when well formed, as the
 * APIs accept it; else a new one) and a W3C {@code traceparent} (the client's, when valid; else a new
 * trace). Both go to the backend; the request id also goes back to the client on every answer, the
 * gateway's own 401s, 429s and 503s included. Runs before everything else, Spring Security too.
 */
@Component
public final class RequestIds implements WebFilter, Ordered {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** version 00, a trace id and a parent id that are not all zeros, flags (W3C Trace Context, level 1). */
    private static final Pattern TRACE_CONTEXT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = requestId(request.getHeaders().getFirst(REQUEST_ID));
        String traceparent = traceparent(request.getHeaders().getFirst(TRACEPARENT));
        // set as the answer is committed: a backend's echo of the same id would otherwise make it two values
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
            return Mono.empty();
        });
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId); // for the error handler's message
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> {
            h.set(REQUEST_ID, requestId);
            h.set(TRACEPARENT, traceparent);
        })).build());
    }

    static String requestId(String given) {
        return given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    static String traceparent(String given) {
        if (given != null && TRACE_CONTEXT.matcher(given).matches()) {
            return given;
        }
        byte[] ids = new byte[24];
        RANDOM.nextBytes(ids);
        ids[0] |= 1; // never all zeros
        ids[16] |= 1;
        String hex = HexFormat.of().formatHex(ids);
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
    }
}

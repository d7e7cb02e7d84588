package org.commercecore.gateway.edge;

import java.io.IOException;
import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every failure the gateway itself answers, as problem+json, in one place: no route (404), no
 * healthy instance or an instance that refuses the connection (503 with {@code Retry-After}), a
 * backend slower than its route's timeout (504), a broken backend connection (502). Ordered before
 * Spring Boot's own handler, which would answer with its HTML or JSON error page.
 */
@Component
@Order(-2)
public final class GatewayErrors implements ErrorWebExceptionHandler {
    /** Seconds; about one health-check interval, after which the pool may have an instance again. */
    static final String RETRY_AFTER = "2";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException e) {
            return answer(exchange, HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
        }
        if (causedBy(error, ConnectException.class)) {
            return answer(exchange, HttpStatus.SERVICE_UNAVAILABLE, "the service refused the connection");
        }
        if (causedBy(error, IOException.class)) {
            LOG.warn("{} {}: the backend connection broke: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
            return answer(exchange, HttpStatus.BAD_GATEWAY, "the service's connection broke before it answered");
        }
        LOG.error("{} {} failed at the gateway (request id {})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                exchange.getResponse().getHeaders().getFirst(RequestIds.REQUEST_ID), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed at the gateway; quote request id " + exchange.getResponse().getHeaders().getFirst(RequestIds.REQUEST_ID));
    }

    private static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String reason) {
        return switch (status) {
            case SERVICE_UNAVAILABLE -> {
                exchange.getResponse().getHeaders().set("Retry-After", RETRY_AFTER);
                yield Problems.write(exchange, status, "unavailable", "Service unavailable",
                        "no instance of the service behind this route can answer now (" + reason + "); try again in " + RETRY_AFTER + " s");
            }
            case GATEWAY_TIMEOUT -> Problems.write(exchange, status, "timeout", "Gateway timeout",
                    "the service did not answer within this route's timeout");
            case BAD_GATEWAY -> Problems.write(exchange, status, "bad-gateway", "Bad gateway", reason);
            case NOT_FOUND -> Problems.write(exchange, status, "not-found", "Not found",
                    "no resource at " + exchange.getRequest().getPath().value());
            default -> Problems.write(exchange, status, "http-" + status.value(), status.getReasonPhrase(),
                    reason == null ? status.getReasonPhrase() : reason);
        };
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

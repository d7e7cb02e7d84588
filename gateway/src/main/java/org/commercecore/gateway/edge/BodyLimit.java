package org.commercecore.gateway.edge;

import org.commercecore.gateway.GatewaySettings;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Request bodies are limited at the edge, before any token check or body read (the login limit
 * reads the e-mail from the body). A body must say its length: one sent in chunks could only be
 * measured by buffering it, so it is refused with 411; one longer than the limit gets 413.
 */
@Component
public final class BodyLimit implements WebFilter, Ordered {
    private final long maxBytes;

    public BodyLimit(GatewaySettings settings) {
        this.maxBytes = settings.maxBodyBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after RequestIds, so the refusal carries the request id
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large",
                    "request bodies are limited to " + maxBytes + " bytes");
        }
        if (length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return Problems.write(exchange, HttpStatus.LENGTH_REQUIRED, "length-required", "Length required",
                    "send the body with a Content-Length (at most " + maxBytes + " bytes), not in chunks");
        }
        return chain.filter(exchange);
    }
}

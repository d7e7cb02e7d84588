package org.commercecore.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: the request leaves with {@code X-Forwarded-For} set to the
 * one address the gateway settled on ({@link ClientAddresses}), so what a client wrote there itself
 * never reaches a service. The command API believes it from the gateway's address only (its trusted
 * proxies) and limits failed logins per client by it, not per gateway. Runs after Spring Cloud
 * Gateway's own filter, which drops every X-Forwarded header when no trusted proxy is configured.
 */
@Component
public final class ForwardedFor implements HttpHeadersFilter, Ordered {
    public static final String HEADER = "X-Forwarded-For";
    private final ClientAddresses addresses;

    public ForwardedFor(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public int getOrder() {
        return 1; // RemoveXForwardedHeadersFilter is 0
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.set(HEADER, addresses.of(exchange));
        return headers;
    }
}

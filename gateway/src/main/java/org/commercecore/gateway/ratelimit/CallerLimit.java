package org.commercecore.gateway.ratelimit;

import org.commercecore.gateway.edge.ClientAddresses;

import java.security.Principal;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The limit on every routed request: per user when the request carries a valid token (Spring
 * Security has already checked it, so the subject is the token's), per client address otherwise.
 * Runs before the cache, so a cached answer still costs a token.
 */
@Component
public final class CallerLimit implements GatewayFilter {
    private final RateLimits limits;
    private final ClientAddresses addresses;

    public CallerLimit(RateLimits limits, ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(subject -> new RateLimits.Check(RateLimits.USER, subject))
                .switchIfEmpty(Mono.fromSupplier(() -> new RateLimits.Check(RateLimits.ANONYMOUS, addresses.bucket(exchange))))
                .flatMap(check -> limits.admit(exchange, List.of(check)))
                .flatMap(allowed -> allowed ? chain.filter(exchange) : limits.refuse(exchange));
    }
}

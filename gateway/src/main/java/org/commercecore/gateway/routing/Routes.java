package org.commercecore.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.commercecore.gateway.GatewaySettings;
import org.commercecore.gateway.cache.PublicReadCache;
import org.commercecore.gateway.ratelimit.CallerLimit;
import org.commercecore.gateway.ratelimit.LoginLimit;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The public path space, {@code /api/v1/...}, mapped onto the two services (the prefix is dropped on
 * the way). Reads go to the query API, except a user's own profile; writes go to the command API.
 * Every route has a timeout and a rate limit; only idempotent requests are retried on another
 * instance: GET and PUT when the instance could not be reached, dropped the connection or said
 * 502/503; {@code POST /orders} with an {@code Idempotency-Key} (the one POST the command API
 * deduplicates by key) only when its connection was refused. Other writes are never retried.
 */
@Configuration
@LoadBalancerClients(defaultConfiguration = LoadBalancing.class)
public class Routes {
    private static final String COMMAND = "lb://" + Backends.COMMAND_API;
    private static final String QUERY = "lb://" + Backends.QUERY_API;
    /** The limit runs before the cache, and both before the filter that writes the backend's answer. */
    private static final int LIMIT_ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2;
    private static final int CACHE_ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    @Bean
    Backends backends(GatewaySettings settings) {
        return new Backends(settings);
    }

    @Bean
    RouteLocator apiRoutes(RouteLocatorBuilder routes, GatewaySettings settings, CallerLimit callerLimit, LoginLimit loginLimit,
                           PublicReadCache cache) {
        long command = settings.commandTimeout().toMillis();
        long query = settings.queryTimeout().toMillis();
        return routes.routes()
                .route("public-reads", r -> r.order(0).method(HttpMethod.GET).and().path("/api/v1/products/**")
                        // a shared copy must be one every reader can decode: the backend is asked for it uncompressed
                        .filters(f -> edge(f).removeRequestHeader("Accept-Encoding").filter(callerLimit, LIMIT_ORDER).filter(cache, CACHE_ORDER)
                                .retry(c -> retry(c, HttpMethod.GET)))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, query).uri(QUERY))
                .route("own-profile", r -> r.order(1).method(HttpMethod.GET).and().path("/api/v1/users/me")
                        .filters(f -> edge(f).filter(callerLimit, LIMIT_ORDER).retry(c -> retry(c, HttpMethod.GET)))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, command).uri(COMMAND))
                .route("reads", r -> r.order(2).method(HttpMethod.GET).and().path("/api/v1/orders/**", "/api/v1/users/me/orders")
                        .filters(f -> edge(f).filter(callerLimit, LIMIT_ORDER).retry(c -> retry(c, HttpMethod.GET)))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, query).uri(QUERY))
                .route("login", r -> r.order(3).method(HttpMethod.POST).and().path("/api/v1/auth/login", "/api/v1/auth/otp",
                                "/api/v1/auth/otp/verify")
                        .filters(f -> edge(f).filter(loginLimit, LIMIT_ORDER))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, command).uri(COMMAND))
                .route("keyed-orders", r -> r.order(4).method(HttpMethod.POST).and().path("/api/v1/orders").and()
                        .header("Idempotency-Key", ".+")
                        .filters(f -> edge(f).filter(callerLimit, LIMIT_ORDER).retry(Routes::retryUnsent))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, command).uri(COMMAND))
                .route("puts", r -> r.order(5).method(HttpMethod.PUT).and().path("/api/v1/**")
                        .filters(f -> edge(f).filter(callerLimit, LIMIT_ORDER).retry(c -> retry(c, HttpMethod.PUT)))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, command).uri(COMMAND))
                .route("writes", r -> r.order(6).method(HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE).and().path("/api/v1/**")
                        .filters(f -> edge(f).filter(callerLimit, LIMIT_ORDER))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, command).uri(COMMAND))
                .build();
    }

    /** Every route: the prefix off on the way in, and on again in a Location the service answers with. */
    private static GatewayFilterSpec edge(GatewayFilterSpec f) {
        return f.stripPrefix(2).rewriteResponseHeader(HttpHeaders.LOCATION, "^/(?!api/v1/)", "/api/v1/");
    }

    /**
     * Twice more, on another instance (round robin), after 50 then 100 ms: only when the instance
     * could not be reached, dropped the connection, or said it cannot answer now. A timeout is not
     * retried: the request may be under way, and the client's own deadline is spent.
     */
    private static void retry(RetryGatewayFilterFactory.RetryConfig config, HttpMethod... methods) {
        config.setRetries(2).setMethods(methods).setSeries().setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                .setExceptions(IOException.class)
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false);
    }

    /**
     * A placed order with its Idempotency-Key: retried only when the instance refused the connection,
     * i.e. the request was never sent. A dropped connection or a 5xx may follow a committed order;
     * the command API would answer a repeat with the same order, but the client, who holds the key,
     * is the one to decide to repeat it.
     */
    private static void retryUnsent(RetryGatewayFilterFactory.RetryConfig config) {
        config.setRetries(2).setMethods(HttpMethod.POST).setSeries().setStatuses().setExceptions(ConnectException.class)
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false);
    }
}

package org.commercecore.gateway.auth;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The routes anyone may call without an access token, listed here and nowhere else; every other
 * request needs a valid token before it leaves the edge. The services check again (defence in depth).
 */
public final class PublicRoutes {
    /** One public route: a method and a path pattern under the gateway's path space. */
    public record Route(HttpMethod method, String pattern) {
    }

    public static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.POST, "/api/v1/users"),          // register
            new Route(HttpMethod.POST, "/api/v1/auth/login"),
            new Route(HttpMethod.POST, "/api/v1/auth/otp"),         // mails a one-time login code
            new Route(HttpMethod.POST, "/api/v1/auth/otp/verify"),  // exchanges it for tokens
            new Route(HttpMethod.POST, "/api/v1/auth/refresh"),   // carries a refresh token in its body, not a bearer token
            new Route(HttpMethod.POST, "/api/v1/auth/logout"),    // the same
            new Route(HttpMethod.GET, "/api/v1/products/top"),    // top sellers
            new Route(HttpMethod.GET, "/api/v1/products/{sku}")); // a product card

    private PublicRoutes() {
    }

    static ServerWebExchangeMatcher matcher() {
        return new OrServerWebExchangeMatcher(ROUTES.stream()
                .<ServerWebExchangeMatcher>map(r -> new PathPatternParserServerWebExchangeMatcher(r.pattern(), r.method())).toList());
    }
}

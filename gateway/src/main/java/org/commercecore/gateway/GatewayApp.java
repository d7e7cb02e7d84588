package org.commercecore.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The API gateway: the one address clients use. Spring Cloud Gateway routes {@code /api/v1/...} to
 * the command and query APIs over their healthy instances; before a request leaves the edge it is
 * given a request id and a trace context, checked for a valid access token unless its route is
 * public ({@link org.commercecore.gateway.auth.PublicRoutes}), held to its rate limits, and, for
 * public reads, answered from the cache when it can be. Every part is configured in code in the
 * packages below; {@code application.yml} only maps {@code COMMERCE_*} variables onto settings.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewaySettings.class)
public class GatewayApp {
    public static void main(String[] args) {
        SpringApplication.run(GatewayApp.class, args);
    }
}

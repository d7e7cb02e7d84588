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
        String format = System.getenv().getOrDefault("COMMERCE_LOG_FORMAT", "text");
        switch (format) {
            // the same choice as the other services' log4j2.xml: Spring Boot's own ECS encoder for json
            case "json" -> System.setProperty("logging.structured.format.console", "ecs");
            case "text" -> { }
            default -> throw new IllegalArgumentException("COMMERCE_LOG_FORMAT must be text or json (lower case), not " + format);
        }
        SpringApplication.run(GatewayApp.class, args);
    }
}

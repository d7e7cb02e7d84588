package org.commercecore.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Each service's candidates: the configured instances ({@link Backends}), of which only those whose
 * health check passes are offered, round robin. The checks run on their own timer
 * ({@code spring.cloud.loadbalancer.health-check.*} in application.yml: {@code /health/ready} every
 * 2 s), so an instance that fails leaves the pool within one interval and comes back when it
 * answers again; no request has to fail first.
 */
public class LoadBalancing {
    @Bean
    ServiceInstanceListSupplier healthyInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withHealthChecks(WebClient.create()).build(context);
    }
}

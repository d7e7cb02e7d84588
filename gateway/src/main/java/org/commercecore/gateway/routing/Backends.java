package org.commercecore.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.commercecore.gateway.GatewaySettings;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The instances behind each route, as configured: a fixed list per service. The load balancer asks
 * this for the candidates and keeps only those whose {@code /health/ready} answers 200
 * ({@link LoadBalancing}). A discovery client (Kubernetes, Consul) would replace this class alone.
 */
public final class Backends implements ReactiveDiscoveryClient {
    public static final String COMMAND_API = "command-api";
    public static final String QUERY_API = "query-api";

    private final Map<String, List<ServiceInstance>> instances;

    public Backends(GatewaySettings settings) {
        this.instances = Map.of(COMMAND_API, instances(COMMAND_API, settings.commandUrls()),
                QUERY_API, instances(QUERY_API, settings.queryUrls()));
    }

    private static List<ServiceInstance> instances(String service, List<URI> urls) {
        return urls.stream().<ServiceInstance>map(url -> new DefaultServiceInstance(service + "@" + url.getHost() + ":" + url.getPort(),
                service, url.getHost(), url.getPort(), "https".equals(url.getScheme()))).toList();
    }

    @Override
    public String description() {
        return "commerce-core's configured instances (COMMERCE_GATEWAY_*_URLS)";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }
}

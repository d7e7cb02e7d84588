package org.commercecore.gateway.edge;

import java.net.InetSocketAddress;
import org.commercecore.gateway.GatewaySettings;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose address a request comes from, for the per-address limits: the connection's peer, or, with
 * {@code trusted-hops} proxies in front of the gateway, the address those proxies saw (the
 * X-Forwarded-For entry that many from the right; entries further left are the client's to forge).
 */
@Component
public final class ClientAddresses {
    private final RemoteAddressResolver resolver;

    public ClientAddresses(GatewaySettings settings) {
        int hops = settings.limits().trustedHops();
        this.resolver = hops == 0 ? new RemoteAddressResolver() {
        } : XForwardedRemoteAddressResolver.maxTrustedIndex(hops);
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress address = resolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}

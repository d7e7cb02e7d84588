package org.commercecore.gateway.edge;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.commercecore.gateway.GatewaySettings;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose address a request comes from, for the per-address limits (an IPv6 client by its /64): the
 * connection's peer, or, with
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

    /** The client's address, as the services are told it (X-Forwarded-For). */
    public String of(ServerWebExchange exchange) {
        InetSocketAddress address = resolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /**
     * Whose bucket a request draws from: the address, or for IPv6 its /64. One host usually holds a
     * whole /64; counting it per address would give it endless buckets (the command API counts alike).
     */
    public String bucket(ServerWebExchange exchange) {
        InetSocketAddress address = resolver.resolve(exchange);
        if (address != null && address.getAddress() instanceof Inet6Address v6) {
            return HexFormat.of().formatHex(Arrays.copyOf(v6.getAddress(), 8)) + "::/64";
        }
        return of(exchange);
    }
}

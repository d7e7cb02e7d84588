package org.commercecore.gateway.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
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

    public String of(ServerWebExchange exchange) {
        InetSocketAddress address = resolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address v6) {
            // one host usually holds a whole /64: counting it per address would give it endless buckets (as the command API does)
            byte[] prefix = Arrays.copyOf(v6.getAddress(), 8);
            return HexFormat.of().formatHex(prefix) + "::/64";
        }
        return ip != null ? ip.getHostAddress() : address.getHostString();
    }
}

package org.commercecore.platform.http.api;

import io.javalin.http.Context;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who a request came from, for limits kept per client (login throttling). The peer's address is
 * the client's, unless the peer is one of the configured trusted proxies: then
 * {@code X-Forwarded-For} is read from the right, each trusted hop skipped, and the first address
 * that is not a trusted proxy is the client (what a client writes further left is not believed:
 * anyone can send that header). With no trusted proxies, the default, the header is ignored.
 *
 * <p>Addresses are parsed as literals only, never looked up in DNS. An IPv6 client is counted by
 * its /64 ({@code 2001:db8:1:2:0:0:0:0/64}): one host is usually given a whole /64, so a
 * per-/128 count would not hold it.
 */
public final class ClientAddress {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** Proxies that write the client's port too: {@code 1.2.3.4:5678} and {@code [2001:db8::1]:443}. */
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");
    private static final Pattern IPV6_WITH_PORT = Pattern.compile("\\[([^\\]]+)\\](:\\d{1,5})?");

    private final InetAddressSet trusted = new InetAddressSet();
    private final List<String> proxies;

    private ClientAddress(List<String> proxies) {
        this.proxies = List.copyOf(proxies);
        for (String proxy : proxies) {
            trusted.add(proxy);
        }
    }

    /** Believes no proxy: the peer is the client. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /**
     * Believes {@code X-Forwarded-For} from these peers: IP addresses or CIDR ranges
     * ({@code 10.0.0.0/8}, {@code fd00::/8}); anything else (a host name, a range) is refused.
     */
    public static ClientAddress trusting(List<String> proxies) {
        List<String> bad = proxies.stream().filter(p -> !isProxyPattern(p)).toList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + String.join(", ", bad));
        }
        return new ClientAddress(proxies);
    }

    /** Whether {@code pattern} is an IP address or CIDR range, the form {@link #trusting} takes. */
    public static boolean isProxyPattern(String pattern) {
        String[] parts = pattern.trim().split("/", -1);
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty() || parts.length > 2) {
            return false;
        }
        if (parts.length == 1) {
            return true;
        }
        int max = address.get() instanceof Inet4Address ? 32 : 128;
        return parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= max;
    }

    public List<String> trustedProxies() {
        return proxies;
    }

    /** The client's address as a key: an IPv4 address, or an IPv6 /64. */
    public String of(Context ctx) {
        Enumeration<String> forwarded = ctx.req().getHeaders(FORWARDED_FOR);
        return of(ctx.ip(), forwarded == null ? List.of() : Collections.list(forwarded));
    }

    String of(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty()) {
            return "unknown:" + peer; // a Unix socket or the like: one bucket, never a proxy
        }
        InetAddress client = peerAddress.get();
        if (trusted.test(client)) {
            List<String> hops = new ArrayList<>();
            forwardedFor.forEach(h -> Arrays.stream(h.split(",")).map(String::trim).filter(e -> !e.isEmpty()).forEach(hops::add));
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(hops.get(i));
                if (hop.isEmpty()) {
                    break; // not an address: nothing left of it is believed; the last trusted hop stands
                }
                client = hop.get();
                if (!trusted.test(client)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] prefix = v6.getAddress();
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an address
            }
        }
        return address.getHostAddress(); // the JDK gives an IPv4-mapped IPv6 literal as IPv4 already
    }

    /** An IP literal (IPv6 with or without brackets, no zone), without any name lookup. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        Matcher bracketed = IPV6_WITH_PORT.matcher(s);
        Matcher v4WithPort = IPV4_WITH_PORT.matcher(s);
        if (bracketed.matches()) {
            s = bracketed.group(1);
        } else if (v4WithPort.matches()) {
            s = v4WithPort.group(1);
        }
        // only literals reach InetAddress: a dotted quad, or text with a colon, which the JDK parses as IPv6 or refuses
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

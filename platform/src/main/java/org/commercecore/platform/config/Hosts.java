package org.commercecore.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a configured host is, without looking names up. */
public final class Hosts {
    private Hosts() {
    }

    /**
     * {@code localhost}, or a loopback IP literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}): where a
     * clear-text login does not cross the network. A name such as {@code 127.example.org} is not one.
     */
    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+") && !literal.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

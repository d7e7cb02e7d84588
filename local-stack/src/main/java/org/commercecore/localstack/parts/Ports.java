package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether a part could listen on a port now: free on every interface and on loopback. */
public final class Ports {
    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);
    private static final Duration RETRY = Duration.ofMillis(250);
    private Ports() {
    }

    public static boolean isFree(int port) {
        return whyTaken(port).isEmpty();
    }

    /** Empty when the port is free; else what refused the bind and who holds the port, for an error message. */
    public static Optional<String> whyTaken(int port) {
        for (InetSocketAddress address : new InetSocketAddress[] {
                new InetSocketAddress(port), new InetSocketAddress(InetAddress.getLoopbackAddress(), port)}) {
            Optional<String> refused = bindRefused(address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** Waits until a server could listen on {@code port} on loopback, as the stack's parts do; empty once free, else why not. */
    public static Optional<String> awaitFreeOnLoopback(int port, Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        Optional<String> refused = bindRefused(address);
        if (refused.isEmpty()) {
            return refused;
        }
        LOG.warn("port {} refuses a listener for now: {}; waiting up to {} s", port, refused.get(), timeout.toSeconds());
        while (refused.isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused;
            }
            refused = bindRefused(address);
        }
        if (refused.isEmpty()) {
            LOG.warn("port {} takes a listener again after {} ms", port, (System.nanoTime() - began) / 1_000_000);
        }
        return refused;
    }

    private static Optional<String> bindRefused(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // what the servers themselves set
            socket.bind(address);
            return Optional.empty();
        } catch (IOException refused) {
            return Optional.of("binding " + address + " failed (" + refused.getMessage() + "); " + holders(address.getPort()));
        }
    }

    /** Who holds a port, as far as this machine tells (Linux's {@code ss}). */
    private static String holders(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htanp", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            ss.waitFor();
            return out.isEmpty() ? "ss lists no socket on it" : "ss lists: " + out;
        } catch (IOException e) {
            return "ss is not available to tell who holds it";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking ss";
        }
    }
}

package org.commercecore.localstack.junit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.commercecore.localstack.parts.Ports;

/**
 * Free TCP ports for test stacks, so they never collide with a running stack or each other.
 *
 * <p>A test stack learns its ports long before each part binds them, and binds them again on every
 * restart. A port from the kernel's ephemeral range (what {@code new ServerSocket(0)} hands out) can
 * meanwhile become the local end of any outgoing connection on the machine: a Kafka client, a
 * health probe, a JDBC pool. The part's bind then fails with "address in use" (PostgreSQL simply
 * never comes up). So ports are drawn below the ephemeral range, where the kernel never assigns
 * outgoing connections, and never handed out twice by this JVM.
 */
public final class FreePorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range starts here; used where the range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    /** Above the well-known and registered ports the stack itself uses by default (5432 ... 9093). */
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 500;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    public static int one() {
        return next(1);
    }

    /** A free port whose successor is free too (Kafka's controller listens on port + 1). */
    public static int pair() {
        return next(2);
    }

    /** The first of {@code consecutive} free ports in a row (the stack gives app i the port base + i). */
    public static int block(int consecutive) {
        return next(consecutive);
    }

    private static synchronized int next(int consecutive) {
        int highest = ephemeralStart() - consecutive;
        if (highest <= LOWEST) {
            throw new IllegalStateException("no ports below the ephemeral range (" + EPHEMERAL_RANGE + ") to use");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (allFree(port, consecutive)) {
                for (int i = 0; i < consecutive; i++) {
                    HANDED_OUT.add(port + i);
                }
                return port;
            }
        }
        throw new IllegalStateException("no " + consecutive + " consecutive free ports found in " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(int port, int consecutive) {
        for (int i = 0; i < consecutive; i++) {
            if (HANDED_OUT.contains(port + i) || !Ports.isFree(port + i)) {
                return false;
            }
        }
        return true;
    }

    private static int ephemeralStart() {
        // read as a stream: /proc reports a size that Files.readString trusts, and it gets one byte
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}

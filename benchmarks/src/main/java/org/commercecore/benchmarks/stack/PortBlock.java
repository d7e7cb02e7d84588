package org.commercecore.benchmarks.stack;

import java.util.concurrent.ThreadLocalRandom;
import org.commercecore.localstack.parts.Ports;

/**
 * A run of consecutive free ports for the apps (the stack gives app i the port base + i), drawn below
 * the ephemeral range like {@link org.commercecore.localstack.junit.FreePorts}, whose ports it must
 * not overlap: it is asked first, and draws from a band above FreePorts' usual ones would be luck, so
 * it checks every port of the block.
 */
final class PortBlock {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private PortBlock() {
    }

    static int consecutive(int count) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = Ports.isFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports between " + LOWEST + " and " + HIGHEST);
    }
}

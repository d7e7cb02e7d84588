package org.commercecore.benchmarks.saga;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Order ids of one run, shaped as UUIDs (the write side's columns and the query API expect that
 * shape) but recognisable: the first eight hex digits are the run's marker and the last twelve the
 * order's number. So a tracer can find an order in any record, of any topic, whatever its key and
 * serde: the id appears as plain UTF-8 bytes in every Avro encoding of a record that carries it.
 */
public final class OrderIds {
    private final String marker;
    private final byte[] markerBytes;

    /** {@code marker}: 8 hex digits, e.g. "be3f0a12". */
    public OrderIds(String marker) {
        if (!marker.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("marker must be 8 lower-case hex digits: " + marker);
        }
        this.marker = marker;
        this.markerBytes = (marker + "-").getBytes(StandardCharsets.US_ASCII);
    }

    public static OrderIds random() {
        return new OrderIds(String.format(Locale.ROOT, "be%06x", java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    public String id(int trial, int number) {
        return String.format(Locale.ROOT, "%s-%04x-4000-8000-%012x", marker, trial & 0xffff, number);
    }

    /** The number of the first order id of this run found in {@code bytes} (a key or a value), if any. */
    public OptionalInt find(byte[] bytes, int trial) {
        if (bytes == null) {
            return OptionalInt.empty();
        }
        String trialPart = String.format(Locale.ROOT, "%04x-4000-8000-", trial & 0xffff);
        outer:
        for (int i = 0; i + 36 <= bytes.length; i++) {
            for (int k = 0; k < markerBytes.length; k++) {
                if (bytes[i + k] != markerBytes[k]) {
                    continue outer;
                }
            }
            String id = new String(bytes, i, 36, StandardCharsets.US_ASCII);
            if (id.startsWith(marker + "-" + trialPart)) {
                try {
                    return OptionalInt.of(Integer.parseInt(id.substring(24), 16));
                } catch (NumberFormatException notOurs) {
                    // keep looking
                }
            }
        }
        return OptionalInt.empty();
    }
}

package org.commercecore.analytics.decode;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * The Confluent wire format every Avro topic of commerce-core is written in: one magic byte 0, the
 * writer schema's registry id as a 4-byte big-endian int, then the Avro binary body.
 *
 * <p>Spark's {@code from_avro} decodes only the body, so the job reads the id here, fetches that
 * writer schema from the registry and hands {@code from_avro} the bytes after {@link #HEADER_SIZE}.
 */
public final class WireFrame {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFrame() {
    }

    /** The writer schema id of a framed value, or empty if the bytes are not a Confluent frame. */
    public static OptionalInt schemaId(byte[] value) {
        if (value == null || value.length <= HEADER_SIZE || value[0] != MAGIC_BYTE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ByteBuffer.wrap(value, 1, 4).getInt());
    }

    /** A frame around an Avro body, as a producer with the given schema id writes it. */
    public static byte[] frame(int schemaId, byte[] body) {
        return ByteBuffer.allocate(HEADER_SIZE + body.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(body).array();
    }
}

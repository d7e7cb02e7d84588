package org.commercecore.platform.serde;

/**
 * The Confluent wire format every commerce-core Avro record uses: a magic byte 0, the schema's
 * registry id as a 4-byte big-endian int, then the Avro binary encoding. Any Confluent client
 * can read it by fetching the id from a Confluent-compatible registry.
 */
final class ConfluentWireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }
}

package org.commercecore.platform.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for an app's private data: state stores, their changelogs and repartition topics. No
 * other team reads these, so they skip the registry and use Avro's single-object encoding (a
 * 2-byte marker, the schema's 8-byte fingerprint, then Avro binary): a record written by an older
 * build is recognised by its fingerprint and can be resolved by adding that schema to the decoder.
 * Public topics always use {@link AvroSerdes}.
 */
public final class InternalSerdes {
    private InternalSerdes() {
    }

    public static <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    try {
                        ByteBuffer buffer = encoder.encode(value);
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        return bytes;
                    } catch (IOException e) {
                        throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic, e);
                    }
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return decoder.decode(bytes);
                    } catch (IOException | RuntimeException e) {
                        throw new SerializationException("cannot decode " + schema.getFullName() + " from " + topic
                                + ": " + e.getMessage(), e);
                    }
                });
    }
}

package org.commercecore.platform.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.commercecore.schemas.ReleasedSchemas;

/**
 * Serdes for an app's private data: state stores, their changelogs and repartition topics. No
 * other team reads these, so they skip the registry and use Avro's single-object encoding (a
 * 2-byte marker, the schema's 8-byte fingerprint, then Avro binary). A value written by an older
 * build carries that build's fingerprint: the decoder knows every released version of the record
 * ({@link ReleasedSchemas}) and resolves each into the current schema. A fingerprint it does not
 * know fails as a SerializationException, which the dead-letter handlers take.
 * Public topics always use {@link AvroSerdes}.
 */
public final class InternalSerdes {
    private InternalSerdes() {
    }

    public static <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return avro(model, model.getSchema(type));
    }

    /**
     * The same for a reader schema given as such, e.g. a record's next version read as a
     * GenericRecord. Refuses a record that was never released: its stored values would become
     * unreadable with its first change.
     */
    public static <T> Serde<T> avro(GenericData model, Schema reader) {
        String name = reader.getFullName();
        List<Schema> released = ReleasedSchemas.of(name, model.getClassLoader());
        if (released.isEmpty()) {
            throw new IllegalStateException(name + " has no released version on the classpath ("
                    + ReleasedSchemas.RESOURCE_DIR + ReleasedSchemas.fileName(name, 1)
                    + "): copy its .avsc into the module's released/ directory");
        }
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, reader);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, reader);
        released.forEach(decoder::addSchema);
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
                        throw new SerializationException("cannot encode " + name + " for " + topic, e);
                    }
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return decoder.decode(bytes);
                    } catch (MissingSchemaException e) {
                        throw new SerializationException("cannot decode " + name + " from " + topic
                                + ": written with a schema that is neither the current one nor one of its "
                                + released.size() + " released versions (" + e.getMessage() + ")", e);
                    } catch (IOException | RuntimeException e) {
                        throw new SerializationException("cannot decode " + name + " from " + topic
                                + ": " + e.getMessage(), e);
                    }
                });
    }
}

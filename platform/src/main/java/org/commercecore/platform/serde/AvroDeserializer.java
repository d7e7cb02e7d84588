package org.commercecore.platform.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.commercecore.platform.registry.SchemaRegistry;
import org.commercecore.platform.registry.RegistryUnavailableException;

/**
 * Reads Confluent wire-format Avro. The writer's schema comes from the registry by the id in the
 * record (cached); a generated class's schema is the reader's schema, so records written with an
 * older or newer compatible version resolve into the class this code was compiled with.
 */
final class AvroDeserializer<T> implements Deserializer<T> {
    private final SchemaRegistry registry;
    private final Schema readerSchema;
    /**
     * One reader per writer schema: building one resolves the writer's schema against the reader's,
     * which took a large share of every app's CPU when done per record. Avro's readers are safe to
     * share between threads (each thread gets its own resolving decoder).
     */
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** {@code type} null means generic records in the writer's own schema. */
    AvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < ConfluentWireFormat.HEADER_SIZE || data[0] != ConfluentWireFormat.MAGIC_BYTE) {
            throw new SerializationException("record on " + topic + " is not in the Confluent Avro wire format (expected magic byte 0"
                    + (data.length == 0 ? ", got an empty value)" : ", got " + data[0] + ")"));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<T> reader = readers.computeIfAbsent(id, known -> reader(fetch(known)));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException(data.length + " bytes but the record ended early: not written with schema " + id);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read record on " + topic + " written with schema id " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** An unknown id is a property of the record (dead-letter it); an unreachable registry is not (retry). */
    private Schema fetch(int id) {
        try {
            return registry.schemaById(id);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("schema id " + id + " is unknown to the registry: " + e.getMessage(), e);
        }
    }

    private DatumReader<T> reader(Schema writer) {
        if (readerSchema == null) {
            return new GenericDatumReader<>(writer);
        }
        return new SpecificDatumReader<>(writer, readerSchema, SpecificData.getForSchema(readerSchema));
    }
}

package org.commercecore.platform.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.commercecore.platform.registry.SchemaRegistry;

/**
 * Writes Avro records in the Confluent wire format. The schema id is looked up once per subject
 * and schema (topic-name strategy: {@code <topic>-value} or {@code <topic>-key}); a schema that
 * is not registered fails the record instead of being registered on the fly.
 */
final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
    private final SchemaRegistry registry;
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();
    /** One writer per schema, not per record (Avro's writers are safe to share between threads). */
    private final Map<Schema, org.apache.avro.io.DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private boolean isKey;

    AvroSerializer(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = Subjects.of(topic, isKey);
        int id = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(schema, s -> idOf(subject, s));
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(256)) {
            out.write(ConfluentWireFormat.MAGIC_BYTE);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, known -> writer(record, known)).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " to " + topic + ": " + e.getMessage(), e);
        }
    }

    private int idOf(String subject, Schema schema) {
        return registry.lookup(subject, schema).orElseThrow(() -> new SerializationException("schema "
                + schema.getFullName() + " is not registered under subject " + subject
                + "; register it before the app starts (apps never register schemas themselves)"));
    }

    @SuppressWarnings("unchecked")
    private static <T> org.apache.avro.io.DatumWriter<T> writer(T record, Schema schema) {
        if (record instanceof SpecificRecord) {
            return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        }
        return (org.apache.avro.io.DatumWriter<T>) new GenericDatumWriter<>(schema, GenericData.get());
    }
}

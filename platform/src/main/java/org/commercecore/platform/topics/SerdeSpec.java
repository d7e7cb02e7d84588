package org.commercecore.platform.topics;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.commercecore.platform.serde.AvroSerdes;

/**
 * How a topic's key or value is encoded. Declared once per topic in {@link Topics}; turned into
 * a real {@link Serde} only when a process knows its registry address.
 */
public sealed interface SerdeSpec<T> {

    Serde<T> create(AvroSerdes serdes, boolean isKey);

    /** The Avro schema the registry must hold for this side of the topic, if it is Avro. */
    Optional<Schema> avroSchema();

    static SerdeSpec<String> string() {
        return new Plain<>(Serdes.String());
    }

    static SerdeSpec<byte[]> bytes() {
        return new Plain<>(Serdes.ByteArray());
    }

    static <T extends SpecificRecord> SerdeSpec<T> avro(Class<T> type) {
        return new Avro<>(type);
    }

    /**
     * Avro whose schema someone else registers, read in the writer's schema: Debezium's change
     * events, registered by Kafka Connect's converter as the table's columns evolve.
     */
    static SerdeSpec<GenericRecord> changeEvent() {
        return new ChangeEvent();
    }

    record Plain<T>(Serde<T> serde) implements SerdeSpec<T> {
        @Override
        public Serde<T> create(AvroSerdes serdes, boolean isKey) {
            return serde;
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.empty();
        }
    }

    record ChangeEvent() implements SerdeSpec<GenericRecord> {
        @Override
        public Serde<GenericRecord> create(AvroSerdes serdes, boolean isKey) {
            return serdes.generic(isKey);
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.empty();
        }
    }

    record Avro<T extends SpecificRecord>(Class<T> type) implements SerdeSpec<T> {
        @Override
        public Serde<T> create(AvroSerdes serdes, boolean isKey) {
            return serdes.specific(type, isKey);
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.of(SpecificData.get().getSchema(type));
        }
    }
}

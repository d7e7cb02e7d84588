package org.commercecore.platform.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.Subjects;

/**
 * A Kafka topic with everything needed to use it correctly: its name, how its keys and values
 * are encoded, its partition count and its topic configuration. Only {@link Topics} creates them.
 */
public record Topic<K, V>(String name, SerdeSpec<K> key, SerdeSpec<V> value, int partitions, Map<String, String> config) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
        config = Map.copyOf(config);
    }

    public Serde<K> keySerde(AvroSerdes serdes) {
        return key.create(serdes, true);
    }

    public Serde<V> valueSerde(AvroSerdes serdes) {
        return value.create(serdes, false);
    }

    public Consumed<K, V> consumed(AvroSerdes serdes) {
        return Consumed.with(keySerde(serdes), valueSerde(serdes)).withName("read-" + name);
    }

    public Produced<K, V> produced(AvroSerdes serdes) {
        return Produced.with(keySerde(serdes), valueSerde(serdes));
    }

    /** Subject of the key schema under the topic-name strategy (Confluent's default). */
    public String keySubject() {
        return Subjects.of(name, true);
    }

    /** Subject of the value schema under the topic-name strategy (Confluent's default). */
    public String valueSubject() {
        return Subjects.of(name, false);
    }
}

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
 * A {@code scaled} topic (the keyed domain and CDC topics) has as many partitions as the
 * deployment chooses ({@code COMMERCE_TOPICS_PARTITIONS}), {@code partitions} when it chooses none;
 * every scaled topic has the same count, so topics keyed alike stay co-partitioned.
 */
public record Topic<K, V>(String name, SerdeSpec<K> key, SerdeSpec<V> value, int partitions, boolean scaled,
                          Map<String, String> config) {

    /** A topic whose partition count is fixed by its meaning (e.g. one partition, to keep an order across keys). */
    public Topic(String name, SerdeSpec<K> key, SerdeSpec<V> value, int partitions, Map<String, String> config) {
        this(name, key, value, partitions, false, config);
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
        config = Map.copyOf(config);
    }

    /** The partition count of this topic in a deployment whose scaled topics have {@code deployed} partitions. */
    public int partitionsWhenScaledTo(int deployed) {
        return scaled ? deployed : partitions;
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

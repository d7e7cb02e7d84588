package org.commercecore.localstack.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;

/** For tests: reads a whole topic as committed so far (read_committed), partition by partition in offset order. */
public final class EventLog {
    private final String bootstrap;
    private final AvroSerdes serdes;

    public EventLog(String bootstrap, AvroSerdes serdes) {
        this.bootstrap = bootstrap;
        this.serdes = serdes;
    }

    public <K, V> List<ConsumerRecord<K, V>> readAll(Topic<K, V> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "event-log-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, topic.keySerde(serdes).deserializer(), topic.valueSerde(serdes).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((Consumer<ConsumerRecord<K, V>>) records::add);
            }
        }
        records.sort(Comparator.comparing((ConsumerRecord<K, V> r) -> r.partition()).thenComparing(ConsumerRecord::offset));
        return records;
    }
}

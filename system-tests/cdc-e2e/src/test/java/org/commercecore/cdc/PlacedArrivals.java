package org.commercecore.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * Watches orders.events.v1 from its current end (read_committed, as a downstream consumer sees it)
 * and notes when each OrderPlaced became visible, by wall clock, and how long after the order's
 * placed_at (PostgreSQL's now() in the inserting transaction, on the same machine).
 */
final class PlacedArrivals implements AutoCloseable {
    /** Order id to milliseconds from placed_at to visible. */
    final Map<String, Long> lagMillis = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, org.commercecore.schemas.orders.OrderEvent> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    PlacedArrivals(String bootstrap, AvroSerdes serdes) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "placed-arrivals-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), Topics.ORDER_EVENTS.valueSerde(serdes).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any order is written
        poller = new Thread(this::poll, "placed-arrivals");
        poller.start();
    }

    private void poll() {
        while (running) {
            consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                if (r.value() != null && r.value().getPayload() instanceof OrderPlaced placed) {
                    lagMillis.putIfAbsent(r.key(), System.currentTimeMillis() - placed.getPlacedAt().toEpochMilli());
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        consumer.close();
    }
}

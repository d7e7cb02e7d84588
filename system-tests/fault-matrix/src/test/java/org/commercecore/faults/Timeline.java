package org.commercecore.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;

/**
 * When each order's terminal status became readable on {@code orders.events.v1} (read_committed),
 * watched as it happens: with the load's send times, the terminal rate and the latency from send to
 * outcome, bucket by bucket, over a whole run.
 */
final class Timeline implements AutoCloseable {
    /** Orders per bucket of time, and the 99th percentile of their send-to-terminal latency. */
    record Bucket(long startMillis, int terminal, long p99Millis) {
    }

    private final Map<String, Long> terminalAt = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean running = true;

    Timeline(StackAddresses at) {
        AvroSerdes serdes = AvroSerdes.forRegistry(at.registryUrl());
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, at.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "soak-timeline-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        watcher = new Thread(() -> watch(config, serdes), "soak-timeline");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(Map<String, Object> config, AvroSerdes serdes) {
        try (var consumer = new KafkaConsumer<>(config, Topics.ORDER_EVENTS.keySerde(serdes).deserializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                try {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        OrderEvent event = record.value();
                        if (event.getPayload() instanceof OrderStatusChanged changed && terminal(changed.getToStatus())) {
                            terminalAt.putIfAbsent(event.getOrderId(), System.currentTimeMillis());
                        }
                    }
                } catch (org.apache.kafka.common.KafkaException e) {
                    // a broker down for a fault: the consumer carries on when it is back
                }
            }
        }
    }

    private static boolean terminal(OrderStatus status) {
        return status == OrderStatus.CONFIRMED || status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED;
    }

    /** Buckets of {@code width} from {@code from} to {@code to} (epoch ms), of the orders {@code firstSent} names. */
    List<Bucket> buckets(Map<String, Long> firstSent, long from, long to, Duration width) {
        int count = (int) Math.max(1, (to - from + width.toMillis() - 1) / width.toMillis());
        List<List<Long>> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            latencies.add(new ArrayList<>());
        }
        terminalAt.forEach((orderId, at) -> {
            Long sent = firstSent.get(orderId);
            int i = (int) ((at - from) / width.toMillis());
            if (sent != null && i >= 0 && i < count) {
                latencies.get(i).add(at - sent);
            }
        });
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Long> l = latencies.get(i);
            l.sort(null);
            long p99 = l.isEmpty() ? 0 : l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1));
            buckets.add(new Bucket(from + i * width.toMillis(), l.size(), p99));
        }
        return buckets;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join(5_000);
    }
}

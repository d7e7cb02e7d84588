package org.commercecore.notifications.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The delivery worker's Kafka clients. The transactional id is stable per instance, so a restarted
 * instance fences its predecessor and aborts its open transaction at once, instead of read_committed
 * readers waiting out the transaction timeout. A transaction opens only after a batch's deliveries
 * are done, so it stays short; the batch itself is bounded by {@code batchSize} and each delivery's
 * longest retries, and the poll interval allows for it ({@code longestBatch}).
 */
public record DeliveryClients(String bootstrapServers, String instanceId, int batchSize, Duration longestBatch) {
    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> c = common();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, DeliveryWorker.GROUP_ID);
        // static membership: a restarted instance gets its partitions back at once, without waiting out the old session
        c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, DeliveryWorker.GROUP_ID + "-" + instanceId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        long pollInterval = longestBatch.plusMinutes(1).toMillis();
        if (pollInterval > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch could take " + longestBatch + ": lower the delivery attempts,"
                    + " timeouts or backoff, or raise the concurrency");
        }
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) pollInterval);
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DeliveryWorker.GROUP_ID + "-" + instanceId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    Consumer<String, byte[]> outcomeReader() {
        Map<String, Object> c = common();
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> common() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return c;
    }
}

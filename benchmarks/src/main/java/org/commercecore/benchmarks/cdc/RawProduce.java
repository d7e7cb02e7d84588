package org.commercecore.benchmarks.cdc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The broker's raw produce rate: a plain idempotent producer (acks=all) writing records of a given size to a scratch topic. */
final class RawProduce {
    private RawProduce() {
    }

    static double rate(String bootstrap, Admin admin, int records, int size) {
        String topic = "bench.raw." + Long.toHexString(System.nanoTime());
        try {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the scratch topic " + topic + ": " + e.getMessage(), e);
        }
        byte[] value = new byte[Math.max(1, size - 16)];
        ThreadLocalRandom.current().nextBytes(value);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, String.format("%016d", i).getBytes(), value));
            }
            producer.flush();
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            admin.deleteTopics(List.of(topic));
        }
    }
}

package org.commercecore.benchmarks.cdc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
            // One record per partition, each acknowledged, before the clock starts: a topic this new can
            // answer NOT_LEADER_OR_FOLLOWER to its first writes, and with several batches in flight the
            // idempotent producer's retry then met OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery
            // timeout (a smoke run stalled there).
            for (var partition : producer.partitionsFor(topic)) {
                producer.send(new ProducerRecord<>(topic, partition.partition(), new byte[16], value)).get(60, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, String.format("%016d", i).getBytes(), value));
            }
            producer.flush();
            return records / ((System.nanoTime() - start) / 1e9);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the scratch topic " + topic + " took no record: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } finally {
            admin.deleteTopics(List.of(topic));
        }
    }
}

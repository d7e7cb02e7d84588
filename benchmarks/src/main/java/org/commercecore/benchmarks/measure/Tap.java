package org.commercecore.benchmarks.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A benchmark consumer: reads topics as committed (read_committed, what a downstream consumer
 * sees), from their end at the moment it starts, on a thread of its own, and hands each record
 * with the wall time it arrived here. Topics that do not exist are left out (the topology
 * changes; see {@link #existing}). No consumer group: partitions are assigned, nothing is committed.
 */
public final class Tap implements AutoCloseable {
    /** Called on the tap's thread for every record; {@code arrivedNanos} is {@link System#nanoTime()} at the poll. */
    public interface Listener {
        void onRecord(ConsumerRecord<byte[], byte[]> record, long arrivedNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<String> topics;

    public Tap(String bootstrap, Collection<String> topics, Listener listener, String name) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-tap-" + name + "-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        this.topics = List.copyOf(topics);
        for (String topic : this.topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end now, so every record written after the constructor returns is seen
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> loop(listener), "bench-tap-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The names among {@code wanted} that exist now. */
    public static List<String> existing(Set<String> allTopics, List<String> wanted) {
        return wanted.stream().filter(allTopics::contains).toList();
    }

    public List<String> topics() {
        return topics;
    }

    private void loop(Listener listener) {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    listener.onRecord(r, now);
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

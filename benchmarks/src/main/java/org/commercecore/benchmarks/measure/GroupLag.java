package org.commercecore.benchmarks.measure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group (a Streams app) has committed everything written to some topics so
 * far: e.g. the inventory app has applied every stock adjustment before orders are sent. Under
 * exactly-once the committed offset moves with the transaction, so "caught up" means "applied".
 * Only for topics written without transactions (by the benchmark's own plain producer): a
 * transaction's closing marker sits past the last record, where no consumer commits.
 */
public final class GroupLag {
    private GroupLag() {
    }

    public static void awaitCaughtUp(Admin admin, String group, List<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean caughtUp = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                if (caughtUp) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("group " + group + " did not catch up on " + topics + " within " + timeout.toSeconds() + " s");
    }
}

package org.commercecore.benchmarks.measure;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The latest offset of every partition of every topic (internal ones too), summed per topic. */
public final class OffsetSnapshot {
    private OffsetSnapshot() {
    }

    public static Map<String, Long> take(Admin admin) {
        try {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p -> ask.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> sums = new HashMap<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
            return sums;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics' offsets: " + e.getMessage(), e);
        }
    }
}

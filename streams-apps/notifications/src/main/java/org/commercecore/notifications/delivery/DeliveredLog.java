package org.commercecore.notifications.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.notifications.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification ids with a committed outcome, per partition the worker owns, for the last
 * {@code remember}: read from notifications.deliveries.v1 when a partition is taken over, added to
 * as outcomes are committed. Offsets committed with the outcomes already stop a restart from
 * sending again; this stops a replay (the group's offsets reset, notifications.v1 read again).
 */
final class DeliveredLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveredLog.class);
    private static final Duration LONGEST_CATCH_UP = Duration.ofSeconds(30);

    private final Supplier<Consumer<String, byte[]>> readers;
    private final Deserializer<DeliveryOutcome> outcomes;
    private final Duration remember;
    private final Clock clock;
    private final Map<Integer, LinkedHashMap<String, Long>> byPartition = new HashMap<>();

    DeliveredLog(Supplier<Consumer<String, byte[]>> readers, Deserializer<DeliveryOutcome> outcomes, Duration remember,
                 Clock clock) {
        this.readers = readers;
        this.outcomes = outcomes;
        this.remember = remember;
        this.clock = clock;
    }

    synchronized boolean contains(int partition, String notificationId) {
        LinkedHashMap<String, Long> ids = byPartition.get(partition);
        return ids != null && ids.containsKey(notificationId);
    }

    synchronized void add(int partition, String notificationId) {
        LinkedHashMap<String, Long> ids = byPartition.computeIfAbsent(partition, p -> new LinkedHashMap<>());
        ids.put(notificationId, clock.millis());
        long oldest = clock.millis() - remember.toMillis();
        var entries = ids.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue() < oldest) { // insertion order is time order
            entries.remove();
        }
    }

    synchronized void forget(Collection<Integer> partitions) {
        partitions.forEach(byPartition::remove);
    }

    /** Reads the partitions' outcomes of the last {@code remember} (committed ones only). */
    void load(Collection<Integer> partitions) {
        if (partitions.isEmpty() || remember.isZero()) {
            return;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(Topics.NOTIFICATION_DELIVERIES.name(), p)).toList();
        long since = clock.millis() - remember.toMillis();
        try (Consumer<String, byte[]> reader = readers.get()) {
            reader.assign(assigned);
            Map<TopicPartition, Long> from = new HashMap<>();
            assigned.forEach(tp -> from.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = reader.offsetsForTimes(from);
            Map<TopicPartition, Long> ends = reader.endOffsets(assigned);
            for (TopicPartition tp : assigned) {
                OffsetAndTimestamp start = starts.get(tp);
                reader.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            long deadline = System.nanoTime() + LONGEST_CATCH_UP.toNanos();
            int read = 0;
            while (!caughtUp(reader, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    DeliveryOutcome outcome = outcomes.deserialize(record.topic(), record.value());
                    synchronized (this) {
                        byPartition.computeIfAbsent(record.partition(), p -> new LinkedHashMap<>())
                                .put(outcome.getNotificationId(), record.timestamp());
                    }
                    read++;
                }
            }
            if (!caughtUp(reader, ends)) {
                // sending without knowing what was delivered could repeat deliveries: stop, and let the restart try again
                throw new IllegalStateException("outcomes of notification partitions " + partitions + " not read to their end"
                        + " within " + LONGEST_CATCH_UP);
            }
            LOG.info("took over notification partitions {}: {} outcomes of the last {} remembered", partitions, read, remember);
        }
    }

    private static boolean caughtUp(Consumer<String, byte[]> reader, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }
}

package org.commercecore.platform.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's lag as the broker sees it: per topic, the sum over its partitions of the
 * last stable offset minus the group's committed offset. This is the lag that survives a crash
 * (what a restarted instance has to catch up on), unlike the fetcher's in-memory
 * {@code records-lag}. Under exactly-once each committed transaction leaves a marker after its
 * records, so an idle partition written transactionally shows a lag of about one.
 */
public final class ConsumerGroupLag implements AutoCloseable {
    static final String METER = "commerce.consumer.lag";
    /** How often the services measure: two admin round trips per interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String group;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-lag");
        t.setDaemon(true);
        return t;
    });

    private ConsumerGroupLag(Admin admin, String group, MeterRegistry meters) {
        this.admin = admin;
        this.group = group;
        this.meters = meters;
    }

    /** Measures the group's lag now and then every {@code every}, into {@code commerce.consumer.lag{group,topic}}. */
    public static ConsumerGroupLag start(Admin admin, String group, MeterRegistry meters, Duration every) {
        ConsumerGroupLag lag = new ConsumerGroupLag(admin, group, meters);
        lag.schedule.scheduleWithFixedDelay(lag::measureQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return lag;
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (Exception e) {
            // the broker unreachable: readiness says so; the gauges keep their last value
            LOG.debug("could not measure the lag of group {}: {}", group, e.toString());
        }
    }

    /** One measurement; package-private so a test can measure without waiting for the schedule. */
    void measure() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                latest.put(tp, OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> sums = new HashMap<>();
        ends.forEach((tp, end) -> sums.merge(tp.topic(), Math.max(0, end.offset() - committed.get(tp).offset()), Long::sum));
        sums.forEach((topic, lag) -> lagByTopic.computeIfAbsent(topic, this::register).set(lag));
    }

    private AtomicLong register(String topic) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(METER, value, AtomicLong::get)
                .description("Records the consumer group has not committed yet, summed over the topic's partitions")
                .tag("group", group).tag("topic", topic).register(meters);
        return value;
    }

    /** The last measured lag on a topic, -1 before the group committed on it. */
    public long lag(String topic) {
        AtomicLong value = lagByTopic.get(topic);
        return value == null ? -1 : value.get();
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}

package org.commercecore.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.commercecore.platform.http.HealthCheck;

/**
 * How far the instance's state stores are from restored, as meters and as a readiness check. An
 * instance restoring a store answers from a store that is behind, and (for the order aggregate)
 * holds back every reply to the orders it has not restored yet, so it is not ready until all
 * restorations end. The callbacks come from Streams' state-updater thread: everything here is
 * safe to read from the scrape and health threads.
 */
public final class RestoreProgress implements StateRestoreListener {
    static final String REMAINING_METER = "commerce.streams.restore.remaining";
    static final String RESTORING_METER = "commerce.streams.restore.partitions";
    static final String RESTORED_METER = "commerce.streams.restore.records";

    private final MeterRegistry meters;
    /** Records still to restore, per store and changelog partition being restored right now. */
    private final Map<Restoring, Long> remaining = new ConcurrentHashMap<>();
    private final Map<String, Counter> restored = new ConcurrentHashMap<>();

    public RestoreProgress(MeterRegistry meters) {
        this.meters = meters;
        // registered at once, so dashboards and alerts find them before any restoration happened
        Gauge.builder(REMAINING_METER, remaining, m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Changelog records this instance still has to restore, all its stores together").register(meters);
        Gauge.builder(RESTORING_METER, remaining, Map::size)
                .description("Store changelog partitions this instance is restoring now").register(meters);
    }

    private record Restoring(String store, TopicPartition partition) {
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restored.computeIfAbsent(store, this::registerStore);
        remaining.put(new Restoring(store, partition), Math.max(0, endingOffset - startingOffset));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        remaining.computeIfPresent(new Restoring(store, partition), (k, left) -> Math.max(0, left - numRestored));
        restored.computeIfAbsent(store, this::registerStore).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        remaining.remove(new Restoring(store, partition));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // the task moved to another instance mid-restore: this one no longer waits for it
        remaining.remove(new Restoring(store, partition));
    }

    private Counter registerStore(String store) {
        return Counter.builder(RESTORED_METER).description("Changelog records restored into the store").tag("store", store)
                .register(meters);
    }

    /** Partitions being restored now. */
    public int restoring() {
        return remaining.size();
    }

    /** Ready when no store is being restored. */
    public HealthCheck restored() {
        return () -> {
            int n = remaining.size();
            return n == 0 ? HealthCheck.Result.up("no store restoring")
                    : HealthCheck.Result.down(n + " store partition(s) restoring, "
                    + remaining.values().stream().mapToLong(Long::longValue).sum() + " record(s) to go");
        };
    }
}

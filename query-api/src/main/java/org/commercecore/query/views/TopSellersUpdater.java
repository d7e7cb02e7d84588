package org.commercecore.query.views;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts units sold per SKU in 5-minute buckets (by confirmation time), keeping 24 hours, under
 * the single key {@code all}: the shop-wide ranking is one small value, owned by one instance.
 */
final class TopSellersUpdater implements Processor<String, ViewLine, Void, Void> {
    static final long BUCKET_MILLIS = Duration.ofMinutes(5).toMillis();
    static final long KEEP_MILLIS = Duration.ofHours(24).toMillis();

    private final SalesListener listener;
    private KeyValueStore<String, TopSellers> store;
    private boolean changed;

    TopSellersUpdater(SalesListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(QueryTopology.TOP_SELLERS_STORE);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (changed) {
                changed = false;
                listener.salesMoved();
            }
        });
    }

    @Override
    public void process(Record<String, ViewLine> sale) {
        TopSellers current = store.get(QueryTopology.ALL);
        Map<String, Map<String, Long>> buckets = new HashMap<>();
        if (current != null) {
            current.getBuckets().forEach((bucket, skus) -> buckets.put(bucket, new HashMap<>(skus)));
        }
        long bucket = sale.timestamp() - Math.floorMod(sale.timestamp(), BUCKET_MILLIS);
        buckets.computeIfAbsent(String.valueOf(bucket), b -> new HashMap<>()).merge(sale.value().getSku(),
                (long) sale.value().getQuantity(), Long::sum);
        long newest = buckets.keySet().stream().mapToLong(Long::parseLong).max().orElse(bucket);
        buckets.keySet().removeIf(b -> Long.parseLong(b) < newest - KEEP_MILLIS);
        store.put(QueryTopology.ALL, new TopSellers(new HashMap<>(buckets)));
        changed = true;
    }
}

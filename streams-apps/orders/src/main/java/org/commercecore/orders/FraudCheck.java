package org.commercecore.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * The fraud rule, keyed by customer: an order fails when it would take the customer's spend
 * over the sliding window (orders that passed, by their placing time) above the limit. Emits
 * the verdict keyed by order id, for the order aggregate.
 *
 * <p>A customer's value is bounded in size by {@link SpendWindow} (time buckets, a bounded set
 * of recent order ids) and in time by a sweep: a stream-time punctuation, every
 * {@link #sweepInterval}, reads the next {@code sweepBatch} customers from where the last sweep
 * stopped (wrapping round at the end of the store) and deletes those with no order for two
 * windows ({@link SpendWindow#expired}). Each sweep reads {@link #batchFor} customers (at least
 * {@code sweepBatch}, enough for a full pass within one window) and writes one tombstone per
 * customer removed, so an idle customer stays at most three windows. The position is kept in memory only:
 * after a restart the sweep starts again from the first key, which costs reads, not correctness.
 */
final class FraudCheck implements Processor<String, OrderEvent, String, FraudVerdict> {
    static final int SWEEP_BATCH = 1_000;
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final FraudLimits rule;
    private final int sweepBatch;
    private ProcessorContext<String, FraudVerdict> context;
    private KeyValueStore<String, CustomerSpend> spend;
    private String sweepFrom;

    FraudCheck(FraudLimits rule) {
        this(rule, SWEEP_BATCH);
    }

    FraudCheck(FraudLimits rule, int sweepBatch) {
        this.rule = rule;
        this.sweepBatch = sweepBatch;
    }

    /** How often (in stream time) the sweep runs: one bucket width, at most a minute. */
    static Duration sweepInterval(FraudLimits rule) {
        Duration bucket = SpendWindow.bucketWidth(rule);
        return bucket.compareTo(MAX_SWEEP_INTERVAL) < 0 ? bucket : MAX_SWEEP_INTERVAL;
    }

    @Override
    public void init(ProcessorContext<String, FraudVerdict> context) {
        this.context = context;
        this.spend = context.getStateStore(OrdersTopology.FRAUD_STORE);
        context.schedule(sweepInterval(rule), PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        OrderPlaced placed = (OrderPlaced) event.getPayload();
        String customer = placed.getCustomerId();
        SpendWindow window = SpendWindow.of(rule, spend.get(customer));
        if (window.checked(event.getOrderId())) {
            return; // this order was checked already (within the window)
        }
        long before = window.spendBefore(placed.getPlacedAt());
        long after = before + placed.getTotalMinor();
        boolean passed = after <= rule.limitMinor();
        // a failed order is remembered with no spend, so a redelivered copy gets no second verdict
        window.record(event.getOrderId(), passed ? placed.getTotalMinor() : 0, placed.getPlacedAt());
        window.seenAt(record.timestamp());
        spend.put(customer, window.toStored());
        String reason = "spend of " + customer + " in the last " + rule.window() + " would be " + after + " (limit "
                + rule.limitMinor() + ")";
        context.forward(record.withKey(event.getOrderId()).withValue(FraudVerdict.newBuilder()
                .setOrderId(event.getOrderId()).setPassed(passed).setReason(reason)
                .setSourceEventId(event.getEventId().toString()).build()));
    }

    /**
     * At least {@code sweepBatch}, and enough that a full pass over the store's customers takes no
     * longer than one window: with many new customers per window, a fixed batch would never catch up.
     */
    int batchFor(long customers) {
        long sweepsPerWindow = Math.max(1, rule.window().toMillis() / sweepInterval(rule).toMillis());
        return (int) Math.min(Integer.MAX_VALUE, Math.max(sweepBatch, (customers + sweepsPerWindow - 1) / sweepsPerWindow));
    }

    /** Removes the customers of the next batch whose window has passed with no new order. */
    private void sweep(long streamTime) {
        List<String> expired = new ArrayList<>();
        String next = null;
        int read = 0;
        int batch = batchFor(spend.approximateNumEntries());
        try (KeyValueIterator<String, CustomerSpend> customers = spend.range(sweepFrom, null)) {
            while (customers.hasNext()) {
                KeyValue<String, CustomerSpend> customer = customers.next();
                if (read == batch) {
                    next = customer.key;
                    break;
                }
                read++;
                if (SpendWindow.expired(rule, customer.value, streamTime)) {
                    expired.add(customer.key);
                }
            }
        }
        expired.forEach(spend::delete);
        sweepFrom = next; // null: the next sweep starts from the first customer again
    }
}

package org.commercecore.payments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.payments.internal.Operation;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.payments.provider.ProviderResult;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.payments.PaymentEvent;

/**
 * Keeps each order's payment (keyed by order id) and drives it through the provider: authorize
 * when the order is placed, capture when it ships, void or refund when it is rejected or
 * cancelled. The call under way is part of the stored state; its answer is collected by a
 * wall-clock punctuation and committed together with the event it yields. After a crash or a
 * rebalance the new owner of the task makes the stored call again with the same idempotency key:
 * the provider answers it without charging twice.
 */
final class PaymentProcessor implements Processor<String, OrderEvent, String, PaymentEvent> {
    private static final Duration COLLECT_EVERY = Duration.ofMillis(20);

    private final ProviderCalls calls;
    private final Map<String, CompletableFuture<ProviderResult>> underWay = new HashMap<>();
    private ProcessorContext<String, PaymentEvent> context;
    private KeyValueStore<String, PaymentState> payments;
    private Cancellable collector;

    PaymentProcessor(ProviderCalls calls) {
        this.calls = calls;
    }

    @Override
    public void init(ProcessorContext<String, PaymentEvent> context) {
        this.context = context;
        this.payments = context.getStateStore(PaymentsTopology.PAYMENTS_STORE);
        try (KeyValueIterator<String, PaymentState> all = payments.all()) {
            while (all.hasNext()) {
                KeyValue<String, PaymentState> entry = all.next();
                if (entry.value.getInFlight() != null) {
                    call(entry.value); // a call a previous owner of this task had made: ask again, same key
                }
            }
        }
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (!event.getOrderId().equals(record.key())) {
            // a record keyed by another order would split this payment's state across tasks
            throw new IllegalArgumentException("event of order " + event.getOrderId() + " arrived under key " + record.key());
        }
        PaymentState state = payments.get(event.getOrderId());
        if (event.getPayload() instanceof OrderPlaced placed) {
            if (state != null) {
                return; // the same order placed twice is paid once
            }
            state = PaymentState.newBuilder().setOrderId(event.getOrderId()).setCustomerId(placed.getCustomerId())
                    .setAmountMinor(placed.getTotalMinor()).setCurrency(placed.getCurrency()).setAuthorizationCode(null)
                    .setInFlight(null).build();
            PaymentPlan.request(state, Operation.AUTHORIZE);
        } else if (event.getPayload() instanceof OrderStatusChanged changed && state != null) {
            List<Operation> wanted = PaymentPlan.wanted(state, changed.getToStatus());
            if (wanted.isEmpty()) {
                return; // e.g. CONFIRMED: the authorization stands, nothing to store or call
            }
            for (Operation operation : wanted) {
                PaymentPlan.request(state, operation);
            }
        } else {
            return;
        }
        payments.put(state.getOrderId(), state);
        if (state.getInFlight() != null && !underWay.containsKey(state.getOrderId())) {
            call(state);
        }
    }

    private void call(PaymentState state) {
        underWay.put(state.getOrderId(), calls.submit(PaymentRequests.of(state, state.getInFlight())));
        if (collector == null) {
            // only while calls are under way: an idle punctuation would still commit a transaction each interval
            collector = context.schedule(COLLECT_EVERY, PunctuationType.WALL_CLOCK_TIME, this::collect);
        }
    }

    /** Collects the answers that have arrived: state, event and the next call, in one transaction. */
    private void collect(long now) {
        List<String> answered = new ArrayList<>();
        underWay.forEach((orderId, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                answered.add(orderId);
            }
        });
        for (String orderId : answered) {
            ProviderResult result = underWay.get(orderId).join();
            PaymentState state = payments.get(orderId);
            Operation operation = state.getInFlight();
            PaymentPlan.answered(state, result);
            payments.put(orderId, state);
            context.forward(new Record<>(orderId, PaymentEvents.of(state, operation, result, now), now));
            underWay.remove(orderId); // only now: if anything above threw, the answer is collected again
            if (state.getInFlight() != null) {
                call(state);
            }
        }
        if (underWay.isEmpty() && collector != null) {
            collector.cancel();
            collector = null;
        }
    }

    @Override
    public void close() {
        if (collector != null) {
            collector.cancel();
            collector = null;
        }
        // stop retrying here: the task's next owner asks again, with the same idempotency key
        underWay.values().forEach(f -> f.cancel(false));
        underWay.clear();
    }
}

package org.commercecore.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.orders.views.OrderViews;
import org.commercecore.orders.views.StatusView;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentDeclined;

/**
 * Applies each input to its order (keyed by order id) and publishes what changed, or what was
 * refused, together with the status views of the changes.
 *
 * <p>The saga's deadline: every PLACED order of the task is in {@link SagaDeadlines}, in memory,
 * rebuilt in {@link #init} by one scan of the orders store (init runs after restoration, so the
 * store is complete) and kept in step by each decision. A wall-clock punctuation, every
 * {@link SagaDeadlines#checkInterval}, rejects as TIMEOUT every order whose placed_at plus the
 * deadline has passed, through the same path as an input's decision. An order whose deadline
 * passed while the app was down is rejected at the first check, after the inputs polled before it.
 */
final class OrderAggregate implements Processor<String, OrderInput, String, AggregateOutput> {
    private final OrderMeters meters;
    private final Duration deadline;
    private final SagaDeadlines deadlines = new SagaDeadlines();
    private ProcessorContext<String, AggregateOutput> context;
    private KeyValueStore<String, OrderState> orders;
    private KeyValueStore<String, OrderAmount> legacyAmounts;

    OrderAggregate(OrderMeters meters, Duration deadline) {
        this.meters = meters;
        this.deadline = deadline;
    }

    @Override
    public void init(ProcessorContext<String, AggregateOutput> context) {
        this.context = context;
        this.orders = context.getStateStore(OrdersTopology.ORDERS_STORE);
        this.legacyAmounts = context.getStateStore(OrderViews.LEGACY_AMOUNTS_STORE);
        // the replies that came while no task ran wait in this task's input: a full deadline from now to read them
        Instant fresh = Instant.ofEpochMilli(context.currentSystemTimeMs()).plus(deadline);
        try (KeyValueIterator<String, OrderState> all = orders.all()) {
            while (all.hasNext()) {
                KeyValue<String, OrderState> stored = all.next();
                Order order = Order.of(stored.key, stored.value);
                if (order.isAwaitingReplies()) {
                    Instant due = deadlineOf(order);
                    deadlines.track(stored.key, due.isBefore(fresh) ? fresh : due);
                }
            }
        }
        context.schedule(SagaDeadlines.checkInterval(deadline), PunctuationType.WALL_CLOCK_TIME, this::timeOut);
    }

    @Override
    public void process(Record<String, OrderInput> record) {
        String orderId = record.key();
        Order order = load(orderId);
        OrderInput input = record.value();
        String source = input.sourceEventId();
        if (!orderId.equals(input.orderId())) {
            // a record keyed by another order would split this order's state across tasks
            throw new IllegalArgumentException(input.getClass().getSimpleName() + " for order " + input.orderId()
                    + " arrived under key " + orderId);
        }
        boolean accepted = false;
        if (input instanceof OrderInput.Placed placed) {
            accepted = order.placed((OrderPlaced) placed.event().getPayload(), source, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        } else if (input instanceof OrderInput.Stock stock) {
            order.stockReply(stock.event().getPayload(), source);
        } else if (input instanceof OrderInput.Payment payment) {
            Object p = payment.event().getPayload();
            if (p instanceof PaymentAuthorized || p instanceof PaymentDeclined) {
                order.paymentReply(p instanceof PaymentAuthorized, p.getClass().getSimpleName(), source);
            }
        } else if (input instanceof OrderInput.Fraud fraud) {
            order.fraudVerdict(fraud.verdict().getPassed(), source);
        } else if (input instanceof OrderInput.Command command) {
            order.command(command.command().getKind(), source);
        }
        if (accepted) {
            meters.placed();
            publishView(((OrderInput.Placed) input).event(), order, record);
        }
        saveAndPublish(orderId, order, source, record);
    }

    /**
     * Rejects every order whose deadline has passed. There is no input: the events carry the
     * check's wall-clock time, and their source is the start of the order's saga (stored with the
     * order), so a check repeated by the task's next owner after an aborted transaction publishes
     * the same event ids.
     */
    private void timeOut(long wallClock) {
        for (SagaDeadlines.Due due : deadlines.dueBy(Instant.ofEpochMilli(wallClock))) {
            Order order = load(due.orderId());
            Set<Order.Awaited> awaited = order.awaited();
            if (!order.timedOut(deadline)) {
                deadlines.forget(due.orderId()); // decided already: nothing to store or publish
                continue;
            }
            meters.timedOut(awaited);
            Instant started = sagaStart(order).orElse(due.at().minus(deadline));
            saveAndPublish(due.orderId(), order, "saga-timeout/" + started.toEpochMilli(), new Record<>(due.orderId(), null, wallClock));
        }
    }

    private Order load(String orderId) {
        Order order = Order.of(orderId, orders.get(orderId));
        if (order.amount().isEmpty() && order.isPlaced()) {
            // placed under a build whose status view kept the total: take it into the state, once
            Optional.ofNullable(legacyAmounts.get(orderId)).ifPresent(order::adoptAmount);
        }
        return order;
    }

    /** Stores the order, keeps its deadline, and publishes the events (and their status views) it produced. */
    private void saveAndPublish(String orderId, Order order, String source, Record<String, OrderInput> record) {
        orders.put(orderId, order.state());
        if (order.isAwaitingReplies()) {
            deadlines.track(orderId, deadlineOf(order));
        } else {
            deadlines.forget(orderId);
        }
        int n = 0;
        // by the wall clock: an event's time is its input's, which along the saga is the order's own
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Object payload : order.events()) {
            OrderEvent event = event(orderId, order, payload, source, n++, record.timestamp());
            context.forward(record.withValue(new AggregateOutput.Event(event)));
            publishView(event, order, record);
            meters.published(payload, order.placedAt(), now);
        }
    }

    /**
     * From when the saga took the order in. An order stored by a build before that counts from
     * placed_at, and one stored before placed_at from when this task first sees it; its timeout's
     * event id then differs between owners of the task, which only matters for a transaction that
     * aborted, whose output no reader sees.
     */
    private Instant deadlineOf(Order order) {
        return sagaStart(order).orElseGet(() -> Instant.ofEpochMilli(context.currentSystemTimeMs())).plus(deadline);
    }

    private static Optional<Instant> sagaStart(Order order) {
        return order.sagaStartedAt().or(order::placedAt);
    }

    private void publishView(OrderEvent event, Order order, Record<String, OrderInput> record) {
        if (!(event.getPayload() instanceof OrderPlaced) && !(event.getPayload() instanceof OrderStatusChanged)) {
            return; // a refusal changes no status (and may concern an order not placed yet, with no total)
        }
        OrderAmount amount = order.amount()
                // a status changes only for an order placed, and every build kept its total somewhere
                .orElseThrow(() -> new IllegalStateException("no total known for order " + event.getOrderId()));
        StatusView.of(event, amount).ifPresent(view -> context.forward(record.withValue(new AggregateOutput.Status(view))));
    }

    /** The event id derives from the input's, so reprocessing the same input yields the same event. */
    private static OrderEvent event(String orderId, Order order, Object payload, String source, int n, long timestamp) {
        String identity = source + "/" + orderId + "/" + n + "/" + payload.getClass().getSimpleName();
        return OrderEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(Instant.ofEpochMilli(timestamp))
                .setOrderId(orderId)
                .setCorrelationId(orderId)
                .setCustomerId(order.customerId() == null ? "unknown" : order.customerId())
                .setPayload(payload)
                .build();
    }
}

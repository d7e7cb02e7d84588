package org.commercecore.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 */
final class OrderAggregate implements Processor<String, OrderInput, String, AggregateOutput> {
    private final OrderMeters meters;
    private ProcessorContext<String, AggregateOutput> context;
    private KeyValueStore<String, OrderState> orders;
    private KeyValueStore<String, OrderAmount> legacyAmounts;

    OrderAggregate(OrderMeters meters) {
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, AggregateOutput> context) {
        this.context = context;
        this.orders = context.getStateStore(OrdersTopology.ORDERS_STORE);
        this.legacyAmounts = context.getStateStore(OrderViews.LEGACY_AMOUNTS_STORE);
    }

    @Override
    public void process(Record<String, OrderInput> record) {
        String orderId = record.key();
        Order order = Order.of(orderId, orders.get(orderId));
        if (order.amount().isEmpty() && order.isPlaced()) {
            // placed under a build whose status view kept the total: take it into the state, once
            Optional.ofNullable(legacyAmounts.get(orderId)).ifPresent(order::adoptAmount);
        }
        OrderInput input = record.value();
        String source = input.sourceEventId();
        if (!orderId.equals(input.orderId())) {
            // a record keyed by another order would split this order's state across tasks
            throw new IllegalArgumentException(input.getClass().getSimpleName() + " for order " + input.orderId()
                    + " arrived under key " + orderId);
        }
        boolean accepted = false;
        if (input instanceof OrderInput.Placed placed) {
            accepted = order.placed((OrderPlaced) placed.event().getPayload(), source);
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
        orders.put(orderId, order.state());
        if (accepted) {
            meters.placed();
            publishView(((OrderInput.Placed) input).event(), order, record);
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

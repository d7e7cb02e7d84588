package org.commercecore.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentDeclined;

/** Applies each input to its order (keyed by order id) and publishes what changed, or what was refused. */
final class OrderAggregate implements Processor<String, OrderInput, String, OrderEvent> {
    private ProcessorContext<String, OrderEvent> context;
    private KeyValueStore<String, OrderState> orders;

    @Override
    public void init(ProcessorContext<String, OrderEvent> context) {
        this.context = context;
        this.orders = context.getStateStore(OrdersTopology.ORDERS_STORE);
    }

    @Override
    public void process(Record<String, OrderInput> record) {
        String orderId = record.key();
        Order order = Order.of(orderId, orders.get(orderId));
        OrderInput input = record.value();
        String source = input.sourceEventId();
        if (!orderId.equals(input.orderId())) {
            // a record keyed by another order would split this order's state across tasks
            throw new IllegalArgumentException(input.getClass().getSimpleName() + " for order " + input.orderId()
                    + " arrived under key " + orderId);
        }
        if (input instanceof OrderInput.Placed placed) {
            order.placed((OrderPlaced) placed.event().getPayload(), source);
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
        int n = 0;
        for (Object payload : order.events()) {
            context.forward(record.withValue(event(orderId, order, payload, source, n++, record.timestamp())));
        }
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

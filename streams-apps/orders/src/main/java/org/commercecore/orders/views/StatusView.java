package org.commercecore.orders.views;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * An order event as the order's flat current status (orders.status.v1). OrderPlaced carries the
 * order's total; later status changes do not, so the total is kept per order in a store.
 * Refusals change no status and produce nothing.
 */
final class StatusView implements Processor<String, OrderEvent, String, OrderStatusView> {
    private ProcessorContext<String, OrderStatusView> context;
    private KeyValueStore<String, OrderAmount> amounts;

    @Override
    public void init(ProcessorContext<String, OrderStatusView> context) {
        this.context = context;
        this.amounts = context.getStateStore(OrderViews.AMOUNTS_STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        Object payload = event.getPayload();
        OrderStatusView.Builder view = OrderStatusView.newBuilder()
                .setEventId(event.getEventId())
                .setOccurredAt(event.getOccurredAt())
                .setOrderId(event.getOrderId())
                .setCorrelationId(event.getOrderId())
                .setCustomerId(event.getCustomerId());
        if (payload instanceof OrderPlaced placed) {
            OrderAmount amount = new OrderAmount(placed.getTotalMinor(), placed.getCurrency());
            amounts.put(event.getOrderId(), amount);
            forward(record, view.setStatus(OrderStatus.PLACED.name()), amount);
        } else if (payload instanceof OrderStatusChanged changed) {
            OrderAmount amount = amounts.get(event.getOrderId());
            if (amount == null) {
                // the aggregate never changes the status of an order it has not seen placed
                throw new IllegalStateException("status change of order " + event.getOrderId() + " before it was placed");
            }
            forward(record, view.setStatus(changed.getToStatus().name())
                    .setReasonCode(changed.getReasonCode() == null ? null : changed.getReasonCode().name())
                    .setReason(changed.getReason()), amount);
        }
    }

    private void forward(Record<String, OrderEvent> record, OrderStatusView.Builder view, OrderAmount amount) {
        context.forward(record.withValue(view.setTotalMinor(amount.getTotalMinor()).setCurrency(amount.getCurrency()).build()));
    }
}

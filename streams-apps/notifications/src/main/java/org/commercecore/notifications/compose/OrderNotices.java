package org.commercecore.notifications.compose;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.notifications.internal.OrderFacts;
import org.commercecore.schemas.notifications.NotificationKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;

/**
 * orders.events.v1 as notices: placed, and every status change a customer cares about. A refused
 * transition (a late cancel) is the orders service's answer to a request, not news: no notice.
 * Keeps each order's facts for the payment side ({@link PaymentNotices}), which knows only the order id.
 */
final class OrderNotices implements Processor<String, OrderEvent, String, Notice> {
    private ProcessorContext<String, Notice> context;
    private KeyValueStore<String, OrderFacts> facts;

    @Override
    public void init(ProcessorContext<String, Notice> context) {
        this.context = context;
        this.facts = context.getStateStore(NotificationStores.ORDER_FACTS);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null) {
            return;
        }
        Map<String, String> details = new HashMap<>();
        details.put("order_id", event.getOrderId());
        NotificationKind kind;
        if (event.getPayload() instanceof OrderPlaced placed) {
            facts.put(event.getOrderId(), new OrderFacts(placed.getCustomerId(), placed.getTotalMinor(), placed.getCurrency()));
            kind = NotificationKind.ORDER_PLACED;
            details.put("lines", Integer.toString(placed.getLines().size()));
        } else if (event.getPayload() instanceof OrderStatusChanged changed) {
            kind = switch (changed.getToStatus()) {
                case CONFIRMED -> NotificationKind.ORDER_CONFIRMED;
                case REJECTED -> NotificationKind.ORDER_REJECTED;
                case CANCELLED -> NotificationKind.ORDER_CANCELLED;
                case SHIPPED -> NotificationKind.ORDER_SHIPPED;
                default -> null;
            };
            if (changed.getReasonCode() != null) {
                details.put("reason_code", changed.getReasonCode().name());
            }
            if (changed.getReason() != null) {
                details.put("reason", changed.getReason());
            }
        } else {
            return;
        }
        if (kind == null) {
            return;
        }
        OrderFacts order = facts.get(event.getOrderId());
        if (order != null) {
            details.put("total", Money.format(order.getTotalMinor(), order.getCurrency()));
            details.put("currency", order.getCurrency());
        }
        context.forward(record.withKey(event.getOrderId()).withValue(new Notice(kind, event.getEventId().toString(),
                event.getOccurredAt().toEpochMilli(), event.getCorrelationId(), event.getCustomerId(), details)));
        if (kind == NotificationKind.ORDER_SHIPPED) {
            facts.delete(event.getOrderId()); // nothing is paid back after shipping: the payment side needs it no more
        }
    }
}

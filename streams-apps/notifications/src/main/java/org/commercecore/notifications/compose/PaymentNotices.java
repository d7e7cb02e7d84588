package org.commercecore.notifications.compose;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.commercecore.notifications.internal.OrderFacts;
import org.commercecore.schemas.notifications.NotificationKind;
import org.commercecore.schemas.payments.PaymentEvent;
import org.commercecore.schemas.payments.PaymentRefunded;
import org.commercecore.schemas.payments.PaymentVoided;

/**
 * payments.events.v1 as notices: a refund is news to the customer (an authorisation, capture or
 * void is not: the order's own status says what happened). The payment event carries no customer,
 * so the order's facts, kept by {@link OrderNotices} on the same partition, address it.
 */
final class PaymentNotices implements Processor<String, PaymentEvent, String, Notice> {
    private final Duration window;
    private ProcessorContext<String, Notice> context;
    private KeyValueStore<String, OrderFacts> facts;
    private WindowStore<String, Long> notified;

    PaymentNotices(Duration window) {
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, Notice> context) {
        this.context = context;
        this.facts = context.getStateStore(NotificationStores.ORDER_FACTS);
        this.notified = context.getStateStore(NotificationStores.NOTIFIED);
    }

    @Override
    public void process(Record<String, PaymentEvent> record) {
        PaymentEvent event = record.value();
        if (event == null) {
            return;
        }
        if (event.getPayload() instanceof PaymentVoided) {
            facts.delete(event.getOrderId()); // a voided payment is never refunded
            return;
        }
        if (!(event.getPayload() instanceof PaymentRefunded refunded)) {
            return;
        }
        OrderFacts order = facts.get(event.getOrderId());
        if (order == null && NoticeProcessor.notifiedBefore(notified, event.getEventId().toString(), record.timestamp(), window)) {
            return; // the same refund again: its facts went with the first, and NoticeProcessor would drop it anyway
        }
        if (order == null) {
            throw new IllegalStateException("payment " + event.getPaymentId() + " refunds order " + event.getOrderId()
                    + ", which this app never saw placed");
        }
        facts.delete(event.getOrderId());
        context.forward(record.withKey(event.getOrderId()).withValue(new Notice(NotificationKind.ORDER_REFUNDED,
                event.getEventId().toString(), event.getOccurredAt().toEpochMilli(), event.getCorrelationId(),
                order.getCustomerId(), Map.of(
                        "order_id", event.getOrderId(),
                        "refunded", Money.format(refunded.getAmountMinor(), refunded.getCurrency()),
                        "currency", refunded.getCurrency(),
                        "total", Money.format(order.getTotalMinor(), order.getCurrency())))));
    }
}

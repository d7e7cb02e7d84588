package org.commercecore.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.orders.internal.Spend;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * The fraud rule, keyed by customer: an order fails when it would take the customer's spend
 * over the sliding window (orders that passed, by their placing time) above the limit. Emits
 * the verdict keyed by order id, for the order aggregate.
 */
final class FraudCheck implements Processor<String, OrderEvent, String, FraudVerdict> {
    private final FraudLimits rule;
    private ProcessorContext<String, FraudVerdict> context;
    private KeyValueStore<String, CustomerSpend> spend;

    FraudCheck(FraudLimits rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, FraudVerdict> context) {
        this.context = context;
        this.spend = context.getStateStore(OrdersTopology.FRAUD_STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        OrderPlaced placed = (OrderPlaced) event.getPayload();
        String customer = placed.getCustomerId();
        CustomerSpend recent = spend.get(customer);
        List<Spend> window = new ArrayList<>(recent == null ? List.of() : recent.getOrders());
        if (window.stream().anyMatch(s -> s.getOrderId().equals(event.getOrderId()))) {
            return; // this order was checked already (within the window)
        }
        Instant since = placed.getPlacedAt().minus(rule.window());
        window.removeIf(s -> s.getPlacedAt().isBefore(since));
        long before = window.stream().mapToLong(Spend::getAmountMinor).sum();
        long after = before + placed.getTotalMinor();
        boolean passed = after <= rule.limitMinor();
        // a failed order is remembered with no spend, so a redelivered copy gets the same verdict
        window.add(Spend.newBuilder().setOrderId(event.getOrderId()).setAmountMinor(passed ? placed.getTotalMinor() : 0)
                .setPlacedAt(placed.getPlacedAt()).build());
        spend.put(customer, CustomerSpend.newBuilder().setOrders(window).build());
        String reason = "spend of " + customer + " in the last " + rule.window() + " would be " + after + " (limit "
                + rule.limitMinor() + ")";
        context.forward(record.withKey(event.getOrderId()).withValue(FraudVerdict.newBuilder()
                .setOrderId(event.getOrderId()).setPassed(passed).setReason(reason)
                .setSourceEventId(event.getEventId().toString()).build()));
    }
}

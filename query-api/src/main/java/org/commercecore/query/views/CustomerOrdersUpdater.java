package org.commercecore.query.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;

/** Keeps each customer's list of orders (keyed by customer id), newest first, with their current status. */
final class CustomerOrdersUpdater implements Processor<String, OrderEvent, Void, Void> {
    private static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparingLong(OrderSummary::getPlacedAt).reversed()
            .thenComparing(OrderSummary::getOrderId);
    private KeyValueStore<String, CustomerOrders> lists;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        lists = context.getStateStore(QueryTopology.CUSTOMER_ORDERS_STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        CustomerOrders current = lists.get(record.key());
        List<OrderSummary> orders = new ArrayList<>(current == null ? List.of() : current.getOrders());
        long at = event.getOccurredAt().toEpochMilli();
        if (event.getPayload() instanceof OrderPlaced placed) {
            if (orders.stream().noneMatch(o -> o.getOrderId().equals(event.getOrderId()))) {
                orders.add(new OrderSummary(event.getOrderId(), "PLACED", placed.getTotalMinor(), placed.getCurrency(),
                        placed.getPlacedAt().toEpochMilli(), at));
            }
        } else if (event.getPayload() instanceof OrderStatusChanged changed) {
            orders.replaceAll(o -> o.getOrderId().equals(event.getOrderId())
                    ? OrderSummary.newBuilder(o).setStatus(changed.getToStatus().name()).setUpdatedAt(at).build() : o);
        } else {
            return;
        }
        orders.sort(NEWEST_FIRST);
        lists.put(record.key(), new CustomerOrders(orders));
    }
}

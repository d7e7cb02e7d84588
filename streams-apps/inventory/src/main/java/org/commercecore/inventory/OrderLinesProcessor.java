package org.commercecore.inventory;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.inventory.internal.Line;
import org.commercecore.inventory.internal.OrderLines;
import org.commercecore.inventory.internal.ReleaseCause;
import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.inventory.internal.StockCommandKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;

/**
 * Turns order events (keyed by order id) into stock commands per line (keyed by SKU). It keeps
 * each open order's lines, because a rejection, cancellation or shipment names only the order,
 * and a closed marker afterwards, because a duplicate OrderPlaced must never reserve again.
 * Every command of one line comes from this one task, so the SKU's task receives a line's
 * reservation before its release or commit.
 */
final class OrderLinesProcessor implements Processor<String, OrderEvent, String, StockCommand> {
    private ProcessorContext<String, StockCommand> context;
    private KeyValueStore<String, OrderLines> openOrders;

    @Override
    public void init(ProcessorContext<String, StockCommand> context) {
        this.context = context;
        this.openOrders = context.getStateStore(InventoryTopology.ORDER_LINES_STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (!event.getOrderId().equals(record.key())) {
            // a record keyed by another order would split this order's lines across tasks
            throw new InvalidStockCommandException("event of order " + event.getOrderId() + " arrived under key " + record.key());
        }
        if (event.getPayload() instanceof OrderPlaced placed) {
            placed(event, placed, record);
        } else if (event.getPayload() instanceof OrderStatusChanged changed) {
            statusChanged(event, changed, record);
        }
    }

    private void placed(OrderEvent event, OrderPlaced placed, Record<String, OrderEvent> record) {
        if (openOrders.get(event.getOrderId()) != null) {
            return; // the same order placed twice reserves once, also after it closed
        }
        List<Line> lines = placed.getLines().stream()
                .map(l -> Line.newBuilder().setLineNo(l.getLineNo()).setSku(l.getSku()).setQuantity(l.getQuantity()).build())
                .toList();
        openOrders.put(event.getOrderId(), OrderLines.newBuilder().setOrderId(event.getOrderId()).setClosed(false)
                .setLines(lines).build());
        forEachLine(lines, event, StockCommandKind.RESERVE, null, record);
    }

    private void statusChanged(OrderEvent event, OrderStatusChanged changed, Record<String, OrderEvent> record) {
        OrderLines open = openOrders.get(event.getOrderId());
        if (open == null || open.getClosed()) {
            return; // nothing held for this order (never seen, or closed already)
        }
        OrderStatus to = changed.getToStatus();
        switch (to) {
            case REJECTED -> forEachLine(open.getLines(), event, StockCommandKind.RELEASE, ReleaseCause.ORDER_REJECTED, record);
            case CANCELLED -> forEachLine(open.getLines(), event, StockCommandKind.RELEASE, ReleaseCause.ORDER_CANCELLED, record);
            case SHIPPED -> forEachLine(open.getLines(), event, StockCommandKind.COMMIT, null, record);
            default -> {
                return; // PLACED, CONFIRMED: the reservations stand
            }
        }
        openOrders.put(event.getOrderId(), OrderLines.newBuilder().setOrderId(event.getOrderId()).setClosed(true)
                .setLines(List.of()).build());
    }

    private void forEachLine(List<Line> lines, OrderEvent event, StockCommandKind kind, ReleaseCause cause,
                             Record<String, OrderEvent> record) {
        for (Line line : lines) {
            StockCommand command = StockCommand.newBuilder()
                    .setKind(kind)
                    .setSku(line.getSku())
                    .setOrderId(event.getOrderId())
                    .setLineNo(line.getLineNo())
                    .setQuantity(line.getQuantity())
                    .setReleaseCause(cause)
                    .setLowStockThreshold(null)
                    .setSourceEventId(event.getEventId().toString())
                    .build();
            context.forward(record.withKey(line.getSku()).withValue(command));
        }
    }
}

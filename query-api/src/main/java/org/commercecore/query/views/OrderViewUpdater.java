package org.commercecore.query.views;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderTransitionRefused;
import org.commercecore.schemas.payments.PaymentEvent;

/** Folds every event of an order (its own, its payment's, its stock replies) into the order's view. */
final class OrderViewUpdater implements Processor<String, Object, String, ViewLine> {
    private final OrderWatch watch;
    private KeyValueStore<String, OrderView> views;
    private ProcessorContext<String, ViewLine> context;

    OrderViewUpdater(OrderWatch watch) {
        this.watch = watch;
    }

    @Override
    public void init(ProcessorContext<String, ViewLine> context) {
        this.context = context;
        views = context.getStateStore(QueryTopology.ORDERS_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        String orderId = record.key();
        OrderView view = views.get(orderId);
        if (view == null) {
            view = OrderView.newBuilder().setOrderId(orderId).build();
        }
        OrderView.Builder next = OrderView.newBuilder(view);
        List<TimelineEntry> timeline = new ArrayList<>(view.getTimeline());
        Object event = record.value();
        if (event instanceof OrderEvent e) {
            apply(next, e);
            TimelineEntry entry = entry(e.getEventId().toString(), e.getOccurredAt().toEpochMilli(), "orders.events.v1",
                    e.getPayload(), describe(e.getPayload()));
            // the order's replies come on topics of their own and may be read before the order itself
            // (same timestamps, other partitions): the order comes first in its timeline all the same
            timeline.add(e.getPayload() instanceof OrderPlaced ? 0 : timeline.size(), entry);
            next.setUpdatedAt(Math.max(view.getUpdatedAt(), e.getOccurredAt().toEpochMilli()));
        } else if (event instanceof PaymentEvent p) {
            timeline.add(entry(p.getEventId().toString(), p.getOccurredAt().toEpochMilli(), "payments.events.v1", p.getPayload(), null));
        } else if (event instanceof InventoryEvent i) {
            timeline.add(entry(i.getEventId().toString(), i.getOccurredAt().toEpochMilli(), "inventory.events.v1", i.getPayload(),
                    "sku " + i.getSku()));
        }
        OrderView updated = next.setTimeline(timeline).build();
        views.put(orderId, updated);
        if (!view.getStatuses().contains("CONFIRMED") && updated.getStatuses().contains("CONFIRMED")) {
            // a sale: each line counts for the top sellers, once, when the order is confirmed
            for (ViewLine line : updated.getLines()) {
                context.forward(new Record<>(QueryTopology.ALL, line, record.timestamp()));
            }
        }
        watch.changed(updated);
    }

    private static void apply(OrderView.Builder view, OrderEvent e) {
        Object payload = e.getPayload();
        List<String> statuses = new ArrayList<>(view.getStatuses());
        if (payload instanceof OrderPlaced placed) {
            List<ViewLine> lines = new ArrayList<>();
            placed.getLines().forEach(l -> lines.add(new ViewLine(l.getLineNo(), l.getSku(), l.getQuantity(), l.getUnitPriceMinor())));
            view.setCustomerId(placed.getCustomerId()).setLines(lines).setTotalMinor(placed.getTotalMinor())
                    .setCurrency(placed.getCurrency()).setPlacedAt(placed.getPlacedAt().toEpochMilli());
            if (view.getStatus() == null) {
                view.setStatus("PLACED");
            }
            if (!statuses.contains("PLACED")) {
                statuses.add(0, "PLACED");
            }
        } else if (payload instanceof OrderStatusChanged changed) {
            String status = changed.getToStatus().name();
            view.setStatus(status).setReason(changed.getReason())
                    .setReasonCode(changed.getReasonCode() == null ? null : changed.getReasonCode().name());
            statuses.add(status);
        }
        view.setStatuses(statuses);
    }

    private static String describe(Object payload) {
        if (payload instanceof OrderStatusChanged c) {
            return c.getFromStatus() + " -> " + c.getToStatus() + (c.getReason() == null ? "" : ": " + c.getReason());
        }
        if (payload instanceof OrderTransitionRefused r) {
            return "refused " + r.getAttempted() + ": " + r.getReason();
        }
        return null;
    }

    private static TimelineEntry entry(String eventId, long at, String source, Object payload, String detail) {
        return new TimelineEntry(eventId, at, source, payload.getClass().getSimpleName(), detail);
    }
}

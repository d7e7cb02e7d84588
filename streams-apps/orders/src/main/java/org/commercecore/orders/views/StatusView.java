package org.commercecore.orders.views;

import java.util.Optional;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * An order event as the order's flat current status (orders.status.v1). Later status changes do
 * not carry the order's total, so the caller (the aggregate, which keeps it) hands it in.
 * Refusals change no status and have no view.
 */
public final class StatusView {
    private StatusView() {
    }

    /** The view of an order event, if it sets a status: OrderPlaced (PLACED) or OrderStatusChanged. */
    public static Optional<OrderStatusView> of(OrderEvent event, OrderAmount amount) {
        OrderStatusView.Builder view = OrderStatusView.newBuilder()
                .setEventId(event.getEventId())
                .setOccurredAt(event.getOccurredAt())
                .setOrderId(event.getOrderId())
                .setCorrelationId(event.getOrderId())
                .setCustomerId(event.getCustomerId())
                .setTotalMinor(amount.getTotalMinor())
                .setCurrency(amount.getCurrency());
        if (event.getPayload() instanceof OrderPlaced) {
            return Optional.of(view.setStatus(OrderStatus.PLACED.name()).build());
        }
        if (event.getPayload() instanceof OrderStatusChanged changed) {
            return Optional.of(view.setStatus(changed.getToStatus().name())
                    .setReasonCode(changed.getReasonCode() == null ? null : changed.getReasonCode().name())
                    .setReason(changed.getReason()).build());
        }
        return Optional.empty();
    }
}

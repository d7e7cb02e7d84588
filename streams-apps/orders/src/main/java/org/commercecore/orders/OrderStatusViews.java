package org.commercecore.orders;

import java.util.Optional;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderStatusView;

/** An order event as the order's flat current-status record (orders.status.v1); refusals change no status. */
final class OrderStatusViews {
    private OrderStatusViews() {
    }

    static Optional<OrderStatusView> of(OrderEvent event) {
        Object payload = event.getPayload();
        OrderStatusView.Builder view = OrderStatusView.newBuilder()
                .setEventId(event.getEventId())
                .setOccurredAt(event.getOccurredAt())
                .setOrderId(event.getOrderId())
                .setCorrelationId(event.getOrderId())
                .setCustomerId(event.getCustomerId());
        if (payload instanceof OrderPlaced) {
            return Optional.of(view.setStatus(OrderStatus.PLACED.name()).build());
        }
        if (payload instanceof OrderStatusChanged changed) {
            return Optional.of(view.setStatus(changed.getToStatus().name())
                    .setReasonCode(changed.getReasonCode() == null ? null : changed.getReasonCode().name())
                    .setReason(changed.getReason())
                    .build());
        }
        return Optional.empty();
    }
}

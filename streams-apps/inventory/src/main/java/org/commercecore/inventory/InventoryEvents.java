package org.commercecore.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.commercecore.inventory.internal.ReleaseCause;
import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.LowStockAlert;
import org.commercecore.schemas.inventory.ReleaseReason;
import org.commercecore.schemas.inventory.StockCommitted;
import org.commercecore.schemas.inventory.StockReleased;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;

/**
 * The public events for what a stock command did. Event ids derive from the command's source
 * event, so the same input always yields the same event id and consumers can deduplicate.
 */
final class InventoryEvents {
    private InventoryEvents() {
    }

    static Optional<InventoryEvent> of(StockCommand command, StockPosition.Outcome outcome, long timestamp) {
        Object payload = payload(command, outcome);
        if (payload == null) {
            return Optional.empty();
        }
        return Optional.of(event(command, payload.getClass().getSimpleName(), payload, timestamp));
    }

    /** Null when the stock change is not an inventory event (an adjustment, or nothing changed). */
    private static Object payload(StockCommand command, StockPosition.Outcome outcome) {
        if (outcome instanceof StockPosition.Outcome.Reserved r) {
            return StockReserved.newBuilder().setOrderId(command.getOrderId()).setLineNo(command.getLineNo())
                    .setQuantity(r.quantity()).setAvailableAfter(r.availableAfter()).build();
        }
        if (outcome instanceof StockPosition.Outcome.Rejected r) {
            return StockReservationRejected.newBuilder().setOrderId(command.getOrderId()).setLineNo(command.getLineNo())
                    .setRequested(r.requested()).setAvailable(r.available())
                    .setReason("only " + r.available() + " of " + r.requested() + " units available").build();
        }
        if (outcome instanceof StockPosition.Outcome.Released r) {
            return StockReleased.newBuilder().setOrderId(command.getOrderId()).setLineNo(command.getLineNo())
                    .setQuantity(r.quantity()).setReleaseReason(releaseReason(command.getReleaseCause())).build();
        }
        if (outcome instanceof StockPosition.Outcome.Committed c) {
            return StockCommitted.newBuilder().setOrderId(command.getOrderId()).setLineNo(command.getLineNo())
                    .setQuantity(c.quantity()).setOnHandAfter(c.onHandAfter()).build();
        }
        return null; // Adjusted: stock.adjustments.v1 is that record; Unchanged: nothing happened
    }

    static InventoryEvent lowStock(StockCommand command, StockPosition position, long timestamp) {
        LowStockAlert alert = LowStockAlert.newBuilder().setAvailable(position.available())
                .setThreshold(position.threshold()).build();
        return event(command, "LOW_STOCK", alert, timestamp);
    }

    private static InventoryEvent event(StockCommand command, String what, Object payload, long timestamp) {
        String identity = command.getSourceEventId() + "/" + what + "/" + command.getSku() + "/" + command.getOrderId()
                + "/" + command.getLineNo();
        return InventoryEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(Instant.ofEpochMilli(timestamp))
                .setSku(command.getSku())
                .setCorrelationId(command.getOrderId())
                .setPayload(payload)
                .build();
    }

    private static ReleaseReason releaseReason(ReleaseCause cause) {
        if (cause == null) {
            return ReleaseReason.UNKNOWN;
        }
        return switch (cause) {
            case ORDER_REJECTED -> ReleaseReason.ORDER_REJECTED;
            case ORDER_CANCELLED -> ReleaseReason.ORDER_CANCELLED;
            default -> ReleaseReason.UNKNOWN;
        };
    }
}

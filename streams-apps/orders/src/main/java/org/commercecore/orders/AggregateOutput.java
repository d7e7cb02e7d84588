package org.commercecore.orders;

import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * What the order aggregate publishes for one input, in one transaction: events for
 * orders.events.v1 and the status views they imply for orders.status.v1. It never leaves the
 * task (no serde).
 */
sealed interface AggregateOutput {
    record Event(OrderEvent event) implements AggregateOutput {
    }

    record Status(OrderStatusView view) implements AggregateOutput {
    }
}

package org.commercecore.orders;

import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.payments.PaymentEvent;

/**
 * Everything the order aggregate reacts to, merged into one stream keyed by order id. It never
 * leaves the task (no serde), so it is a plain Java type.
 */
sealed interface OrderInput {
    String sourceEventId();

    /** The order the input is about, by its own content (the record key must agree). */
    String orderId();

    record Placed(OrderEvent event) implements OrderInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String sourceEventId() {
            return event.getEventId().toString();
        }
    }

    record Stock(InventoryEvent event) implements OrderInput {
        public String orderId() {
            return event.getCorrelationId();
        }

        public String sourceEventId() {
            return event.getEventId().toString();
        }
    }

    record Payment(PaymentEvent event) implements OrderInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String sourceEventId() {
            return event.getEventId().toString();
        }
    }

    record Fraud(FraudVerdict verdict) implements OrderInput {
        public String orderId() {
            return verdict.getOrderId();
        }

        public String sourceEventId() {
            return verdict.getSourceEventId() + "/fraud";
        }
    }

    record Command(OrderCommand command) implements OrderInput {
        public String orderId() {
            return command.getOrderId();
        }

        public String sourceEventId() {
            return command.getEventId().toString();
        }
    }
}

package org.commercecore.notifications.compose;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.commercecore.schemas.customers.NotificationChannel;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.LowStockAlert;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.RejectionReason;
import org.commercecore.schemas.payments.PaymentEvent;
import org.commercecore.schemas.payments.PaymentRefunded;

/** The source events of the notification topology, as the other apps write them. */
final class Events {
    /** Now: whether an event is stale is judged by the wall clock, which the test driver starts at the real one. */
    static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private Events() {
    }

    static Customer customer(String id, String email, String name, CustomerRole role, List<NotificationChannel> channels,
                             List<String> optOuts) {
        return Customer.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setCustomerId(id).setEmail(email)
                .setDisplayName(name).setRole(role).setCreatedAt(AT).setUpdatedAt(AT).setNotificationChannels(channels)
                .setNotificationOptOuts(optOuts).build();
    }

    static OrderEvent placed(String orderId, String customerId, long totalMinor, String currency) {
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setTotalMinor(totalMinor).setCurrency(currency)
                .setPlacedAt(AT).setLines(List.of(OrderLine.newBuilder().setLineNo(1).setSku("KETTLE-1").setQuantity(1)
                        .setUnitPriceMinor(totalMinor).build())).build();
        return order(orderId, customerId, placed);
    }

    static OrderEvent status(String orderId, String customerId, OrderStatus from, OrderStatus to, RejectionReason code,
                             String reason) {
        return order(orderId, customerId, OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to)
                .setReasonCode(code).setReason(reason).build());
    }

    static PaymentEvent refunded(String orderId, long amountMinor, String currency) {
        return PaymentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setOrderId(orderId)
                .setCorrelationId(orderId).setPaymentId("pay-" + orderId).setIdempotencyKey("refund-" + orderId)
                .setPayload(PaymentRefunded.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build()).build();
    }

    static InventoryEvent lowStock(String sku, int available, int threshold) {
        return InventoryEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setSku(sku).setCorrelationId(null)
                .setPayload(LowStockAlert.newBuilder().setAvailable(available).setThreshold(threshold).build()).build();
    }

    /** The same event as having happened at {@code at} (a replay of an old one). */
    static OrderEvent happenedAt(OrderEvent event, Instant at) {
        return OrderEvent.newBuilder(event).setOccurredAt(at).build();
    }

    private static OrderEvent order(String orderId, String customerId, Object payload) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(payload).build();
    }
}

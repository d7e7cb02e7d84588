package org.commercecore.localstack;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;

/** Domain records for the integration tests. */
final class Samples {
    private Samples() {
    }

    static OrderEvent orderPlaced(String orderId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OrderPlaced placed = OrderPlaced.newBuilder()
                .setCustomerId("customer-1")
                .setLines(List.of(
                        OrderLine.newBuilder().setLineNo(1).setSku("SKU-1").setQuantity(2).setUnitPriceMinor(1250).build(),
                        OrderLine.newBuilder().setLineNo(2).setSku("SKU-2").setQuantity(1).setUnitPriceMinor(999).build()))
                .setTotalMinor(3499)
                .setCurrency("EUR")
                .setPlacedAt(now)
                .build();
        return OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(now)
                .setOrderId(orderId)
                .setCorrelationId(orderId)
                .setCustomerId("customer-1")
                .setPayload(placed)
                .build();
    }
}

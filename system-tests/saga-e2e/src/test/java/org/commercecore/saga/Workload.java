package org.commercecore.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;

/**
 * A deterministic mix of orders: 1-3 lines over a small catalogue (so stock runs out), customers
 * of whom some are always declined by the simulated provider, and enough orders per customer that
 * the fraud limit bites.
 */
final class Workload {
    static final int SKUS = 20;
    static final int INITIAL_STOCK = 40;
    static final int LOW_STOCK_THRESHOLD = 5;
    static final int CUSTOMERS = 100;

    private final Random random = new Random(20261124L);

    static String sku(int i) {
        return "SKU-" + i;
    }

    static String customer(int i) {
        return (i % 20 == 0 ? "declined-" : "customer-") + i;
    }

    static StockAdjustment adjustment(String sku, int delta, AdjustmentReason reason, Integer threshold) {
        return StockAdjustment.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setSku(sku)
                .setCorrelationId(null).setAdjustmentId("adj-" + UUID.randomUUID()).setQuantityDelta(delta).setReason(reason)
                .setLowStockThreshold(threshold).setNote(null).build();
    }

    OrderEvent order(int n) {
        String orderId = "order-" + n;
        String customerId = customer(random.nextInt(CUSTOMERS));
        int lineCount = 1 + random.nextInt(3);
        List<OrderLine> lines = new ArrayList<>();
        List<Integer> skus = new ArrayList<>();
        long total = 0;
        for (int l = 1; l <= lineCount; l++) {
            int sku;
            do {
                sku = random.nextInt(SKUS);
            } while (skus.contains(sku));
            skus.add(sku);
            int quantity = 1 + random.nextInt(3);
            long price = 500 + 100L * random.nextInt(16);
            total += quantity * price;
            lines.add(OrderLine.newBuilder().setLineNo(l).setSku(sku(sku)).setQuantity(quantity).setUnitPriceMinor(price).build());
        }
        Instant now = Instant.now();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setLines(lines).setTotalMinor(total)
                .setCurrency("EUR").setPlacedAt(now).build();
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(placed).build();
    }

    static OrderCommand command(String orderId, OrderCommandKind kind) {
        return OrderCommand.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setOrderId(orderId)
                .setCorrelationId(orderId).setKind(kind).setRequestedBy("saga-e2e").setReason(null).build();
    }
}

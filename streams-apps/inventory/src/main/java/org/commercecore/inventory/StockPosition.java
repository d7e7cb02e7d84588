package org.commercecore.inventory;

import java.util.HashMap;
import java.util.Map;
import org.commercecore.inventory.internal.StockLevel;

/**
 * One SKU's stock and the rules that keep available stock (on-hand minus reserved) from ever
 * going negative. Every change for a SKU goes through the one task that owns the SKU's
 * partition, one record at a time, so orders racing for the last units are served in log order
 * and only as many as there are units get them.
 */
final class StockPosition {
    private final String sku;
    private int onHand;
    private Integer threshold;
    private final Map<String, Integer> reservations;

    private StockPosition(String sku, int onHand, Integer threshold, Map<String, Integer> reservations) {
        this.sku = sku;
        this.onHand = onHand;
        this.threshold = threshold;
        this.reservations = new HashMap<>(reservations);
    }

    static StockPosition of(String sku, StockLevel stored) {
        return stored == null ? new StockPosition(sku, 0, null, Map.of())
                : new StockPosition(sku, stored.getOnHand(), stored.getLowStockThreshold(), stored.getReservations());
    }

    StockLevel toLevel() {
        return StockLevel.newBuilder().setSku(sku).setOnHand(onHand).setLowStockThreshold(threshold)
                .setReservations(new HashMap<>(reservations)).build();
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reservations.values().stream().mapToInt(Integer::intValue).sum();
    }

    int available() {
        return onHand - reserved();
    }

    Integer threshold() {
        return threshold;
    }

    boolean isLow() {
        return threshold != null && available() < threshold;
    }

    /** Reserves the line if every unit is available; a line already reserved is not reserved twice. */
    Outcome reserve(String orderId, int lineNo, int quantity) {
        if (quantity <= 0) {
            throw new InvalidStockCommandException("order " + orderId + " line " + lineNo + " asks for " + quantity + " of " + sku);
        }
        String line = lineKey(orderId, lineNo);
        if (reservations.containsKey(line)) {
            return new Outcome.Unchanged("line already reserved");
        }
        int available = available();
        if (quantity > available) {
            return new Outcome.Rejected(quantity, available);
        }
        reservations.put(line, quantity);
        return new Outcome.Reserved(quantity, available());
    }

    Outcome release(String orderId, int lineNo) {
        Integer quantity = reservations.remove(lineKey(orderId, lineNo));
        return quantity == null ? new Outcome.Unchanged("no reservation to release") : new Outcome.Released(quantity);
    }

    /** The reserved units leave the warehouse: on-hand and reserved both drop, available stays. */
    Outcome commit(String orderId, int lineNo) {
        Integer quantity = reservations.remove(lineKey(orderId, lineNo));
        if (quantity == null) {
            return new Outcome.Unchanged("no reservation to commit");
        }
        onHand -= quantity;
        return new Outcome.Committed(quantity, onHand);
    }

    /** Changes on-hand (and the threshold, if given); refused if it would take reserved units away. */
    Outcome adjust(int delta, Integer newThreshold) {
        if (newThreshold != null && newThreshold < 0) {
            throw new InvalidStockCommandException("low-stock threshold of " + sku + " cannot be negative: " + newThreshold);
        }
        if (available() + delta < 0) {
            throw new InvalidStockCommandException("adjustment of " + delta + " for " + sku + " would leave available stock at "
                    + (available() + delta) + " (on-hand " + onHand + ", reserved " + reserved() + ")");
        }
        onHand += delta;
        if (newThreshold != null) {
            threshold = newThreshold;
        }
        return new Outcome.Adjusted(onHand);
    }

    private static String lineKey(String orderId, int lineNo) {
        return orderId + "#" + lineNo;
    }

    /** What a command did to the stock. */
    sealed interface Outcome {
        record Reserved(int quantity, int availableAfter) implements Outcome { }

        record Rejected(int requested, int available) implements Outcome { }

        record Released(int quantity) implements Outcome { }

        record Committed(int quantity, int onHandAfter) implements Outcome { }

        record Adjusted(int onHandAfter) implements Outcome { }

        record Unchanged(String why) implements Outcome { }
    }
}

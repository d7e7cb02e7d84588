package org.commercecore.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;

/**
 * One SKU's stock and the rules that keep available stock (on-hand minus reserved) from ever
 * going negative. Every change for a SKU goes through the one task that owns the SKU's
 * partition, one record at a time, so orders racing for the last units are served in log order
 * and only as many as there are units get them.
 *
 * <p>The SKU's value holds on-hand, the threshold and the reserved total only; each open
 * reservation is its own entry in the reservation store (same task, so still one writer per
 * SKU), so a reserve writes two small values, whatever the number of open reservations. A
 * command's reservation changes are staged ({@link #reservationWrites()}) and written by the
 * ledger together with the level, after every check has passed.
 */
final class StockPosition {
    private final String sku;
    private int onHand;
    private Integer threshold;
    private int reservedTotal;
    private int reservationCount;
    private final Function<String, StockReservation> stored;
    /** Reservation-store writes this command makes, in order; a null value deletes the key. */
    private final Map<String, StockReservation> writes = new LinkedHashMap<>();

    private StockPosition(String sku, int onHand, Integer threshold, int reservedTotal, int reservationCount,
            Function<String, StockReservation> stored) {
        this.sku = sku;
        this.onHand = onHand;
        this.threshold = threshold;
        this.reservedTotal = reservedTotal;
        this.reservationCount = reservationCount;
        this.stored = stored;
    }

    /**
     * The SKU's position from its stored level and its reservations ({@code stored} reads the
     * reservation store by {@link #reservationKey}). A level the first release wrote keeps its
     * reservations embedded: they are moved into the reservation store now (staged in
     * {@link #reservationWrites()}), so the level this returns no longer carries them.
     */
    static StockPosition of(String sku, StockLevel level, Function<String, StockReservation> stored) {
        if (level == null) {
            return new StockPosition(sku, 0, null, 0, 0, stored);
        }
        StockPosition position = new StockPosition(sku, level.getOnHand(), level.getLowStockThreshold(),
                level.getReservedTotal(), level.getReservationCount(), stored);
        new TreeMap<>(level.getReservations()).forEach(position::migrate);
        return position;
    }

    private void migrate(String legacyLine, int quantity) {
        int hash = legacyLine.lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalStateException("stored reservation of " + sku + " has no line number: " + legacyLine);
        }
        String orderId = legacyLine.substring(0, hash);
        int lineNo = Integer.parseInt(legacyLine.substring(hash + 1));
        if (reservation(orderId, lineNo) == null) {
            add(orderId, lineNo, quantity);
        }
    }

    /** The reservation store's key of a line: the SKU (length-prefixed, so no SKU is a prefix of another's keys), order and line. */
    static String reservationKey(String sku, String orderId, int lineNo) {
        return skuPrefix(sku) + orderId + "#" + lineNo;
    }

    /** The prefix every reservation key of the SKU starts with. */
    static String skuPrefix(String sku) {
        return sku.length() + ":" + sku + "/";
    }

    StockLevel toLevel() {
        return StockLevel.newBuilder().setSku(sku).setOnHand(onHand).setLowStockThreshold(threshold)
                .setReservations(Map.of()).setReservedTotal(reservedTotal).setReservationCount(reservationCount).build();
    }

    /** What the command changes in the reservation store, by key: a reservation to put, or null to delete. */
    Map<String, StockReservation> reservationWrites() {
        return Collections.unmodifiableMap(writes);
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reservedTotal;
    }

    /** Open reservations of the SKU. */
    int reservationCount() {
        return reservationCount;
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
        if (reservation(orderId, lineNo) != null) {
            return new Outcome.Unchanged("line already reserved");
        }
        int available = available();
        if (quantity > available) {
            return new Outcome.Rejected(quantity, available);
        }
        add(orderId, lineNo, quantity);
        return new Outcome.Reserved(quantity, available());
    }

    Outcome release(String orderId, int lineNo) {
        Integer quantity = remove(orderId, lineNo);
        return quantity == null ? new Outcome.Unchanged("no reservation to release") : new Outcome.Released(quantity);
    }

    /** The reserved units leave the warehouse: on-hand and reserved both drop, available stays. */
    Outcome commit(String orderId, int lineNo) {
        Integer quantity = remove(orderId, lineNo);
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

    private StockReservation reservation(String orderId, int lineNo) {
        String key = reservationKey(sku, orderId, lineNo);
        return writes.containsKey(key) ? writes.get(key) : stored.apply(key);
    }

    private void add(String orderId, int lineNo, int quantity) {
        writes.put(reservationKey(sku, orderId, lineNo), StockReservation.newBuilder().setSku(sku).setOrderId(orderId)
                .setLineNo(lineNo).setQuantity(quantity).build());
        reservedTotal = Math.addExact(reservedTotal, quantity);
        reservationCount++;
    }

    private Integer remove(String orderId, int lineNo) {
        StockReservation existing = reservation(orderId, lineNo);
        if (existing == null) {
            return null;
        }
        writes.put(reservationKey(sku, orderId, lineNo), null);
        reservedTotal -= existing.getQuantity();
        reservationCount--;
        return existing.getQuantity();
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

package org.commercecore.orders;

import java.util.HashSet;
import java.util.Set;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;

/** What makes a placed order impossible to fulfil as given; such an order is rejected as INVALID_ORDER. */
final class OrderValidation {
    private OrderValidation() {
    }

    /** The first problem found, or null if the order is valid. */
    static String problem(OrderPlaced placed) {
        if (placed.getLines().isEmpty()) {
            return "the order has no lines";
        }
        Set<Integer> lineNumbers = new HashSet<>();
        long total = 0;
        for (OrderLine line : placed.getLines()) {
            if (!lineNumbers.add(line.getLineNo())) {
                return "line number " + line.getLineNo() + " appears twice";
            }
            if (line.getQuantity() <= 0) {
                return "line " + line.getLineNo() + " has quantity " + line.getQuantity();
            }
            if (line.getUnitPriceMinor() < 0) {
                return "line " + line.getLineNo() + " has a negative price";
            }
            total += line.getQuantity() * line.getUnitPriceMinor();
        }
        if (total != placed.getTotalMinor()) {
            return "total " + placed.getTotalMinor() + " is not the sum of the lines (" + total + ")";
        }
        if (placed.getCurrency() == null || !placed.getCurrency().matches("[A-Z]{3}")) {
            return "currency '" + placed.getCurrency() + "' is not an ISO 4217 code";
        }
        return null;
    }
}

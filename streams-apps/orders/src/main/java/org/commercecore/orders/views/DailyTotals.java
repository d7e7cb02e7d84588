package org.commercecore.orders.views;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderStatusView;

/** Adds one status change to the totals of the UTC day and currency it happened in. */
final class DailyTotals {
    private DailyTotals() {
    }

    /** The key of a day's totals: {@code <day>/<currency>}. */
    static String key(OrderStatusView view) {
        return day(view) + "/" + view.getCurrency(); // ISO date: 2026-11-25/EUR
    }

    static DailyOrderTotals add(OrderStatusView view, DailyOrderTotals totals) {
        DailyOrderTotals.Builder next = totals == null
                ? DailyOrderTotals.newBuilder().setDay(day(view)).setCurrency(view.getCurrency()).setPlacedCount(0)
                        .setPlacedMinor(0).setConfirmedCount(0).setConfirmedMinor(0).setRejectedCount(0).setShippedCount(0)
                        .setShippedMinor(0).setCancelledCount(0).setCancelledMinor(0)
                : DailyOrderTotals.newBuilder(totals);
        long amount = view.getTotalMinor();
        switch (view.getStatus()) {
            case "PLACED" -> next.setPlacedCount(next.getPlacedCount() + 1).setPlacedMinor(next.getPlacedMinor() + amount);
            case "CONFIRMED" -> next.setConfirmedCount(next.getConfirmedCount() + 1).setConfirmedMinor(next.getConfirmedMinor() + amount);
            case "REJECTED" -> next.setRejectedCount(next.getRejectedCount() + 1);
            case "SHIPPED" -> next.setShippedCount(next.getShippedCount() + 1).setShippedMinor(next.getShippedMinor() + amount);
            case "CANCELLED" -> next.setCancelledCount(next.getCancelledCount() + 1).setCancelledMinor(next.getCancelledMinor() + amount);
            default -> {
                // a status added later counts in none of today's columns until they are extended
            }
        }
        return next.setEventId(view.getEventId()).setOccurredAt(view.getOccurredAt()).setCorrelationId(view.getOrderId()).build();
    }

    private static LocalDate day(OrderStatusView view) {
        return LocalDate.ofInstant(view.getOccurredAt(), ZoneOffset.UTC);
    }
}

package org.commercecore.localstack.junit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockCommitted;
import org.commercecore.schemas.inventory.StockReleased;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderTransitionRefused;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentCaptured;
import org.commercecore.schemas.payments.PaymentEvent;
import org.commercecore.schemas.payments.PaymentRefunded;
import org.commercecore.schemas.payments.PaymentVoided;

/**
 * For tests: everything the event log says about a run, folded from the three saga topics, and
 * the checks of the saga's invariants. Each check returns the violations it found; an empty list
 * means it holds.
 */
public final class SagaState {
    public final Map<String, OrderPlaced> placed = new HashMap<>();
    public final Map<String, OrderStatus> status = new HashMap<>();
    public final List<String> transitionErrors = new ArrayList<>();
    public int refusals;
    private final Set<String> eventIds = new HashSet<>();
    private final List<String> duplicateEvents = new ArrayList<>();
    private final Map<String, long[]> money = new HashMap<>(); // authorized, voided, refunded, captured
    public final Set<String> paymentKeys = new HashSet<>();
    private final List<String> duplicatePaymentEvents = new ArrayList<>();
    private final List<String> stockErrors = new ArrayList<>();
    private final Map<String, Integer> committedBySku = new HashMap<>();
    private final Map<String, Integer> outstandingBySku = new HashMap<>();
    /** Lines holding a reservation at the end of the log, "order#line" to quantity. */
    private final Map<String, Integer> outstandingLines = new HashMap<>();

    public static SagaState fold(List<ConsumerRecord<String, OrderEvent>> orders, List<ConsumerRecord<String, InventoryEvent>> inventory,
                          List<ConsumerRecord<String, PaymentEvent>> payments) {
        SagaState s = new SagaState();
        for (var r : orders) {
            s.seen("orders", r.value().getEventId());
            s.order(r.value());
        }
        for (var r : inventory) {
            s.seen("inventory", r.value().getEventId());
            s.stock(r.value(), s.outstandingLines);
        }
        for (var r : payments) {
            s.seen("payments", r.value().getEventId());
            s.payment(r.value());
        }
        return s;
    }

    /** An event published twice carries the same id (ids derive from their input): exactly-once means none. */
    private void seen(String topic, java.util.UUID eventId) {
        if (!eventIds.add(topic + "/" + eventId)) {
            duplicateEvents.add("event " + eventId + " twice on the " + topic + " topic");
        }
    }

    /** The events that appear more than once on their topic (by event id). */
    public List<String> duplicateEvents() {
        return List.copyOf(duplicateEvents);
    }

    private void order(OrderEvent e) {
        Object p = e.getPayload();
        if (p instanceof OrderPlaced placedEvent) {
            placed.putIfAbsent(e.getOrderId(), placedEvent);
            status.putIfAbsent(e.getOrderId(), OrderStatus.PLACED);
        } else if (p instanceof OrderStatusChanged changed) {
            OrderStatus before = status.get(e.getOrderId());
            if (before != changed.getFromStatus() || !allowed(changed.getFromStatus(), changed.getToStatus())) {
                transitionErrors.add(e.getOrderId() + ": " + before + " then " + changed.getFromStatus() + "->" + changed.getToStatus());
            }
            status.put(e.getOrderId(), changed.getToStatus());
        } else if (p instanceof OrderTransitionRefused) {
            refusals++;
        }
    }

    private static boolean allowed(OrderStatus from, OrderStatus to) {
        return switch (from) {
            case PLACED -> to == OrderStatus.CONFIRMED || to == OrderStatus.REJECTED || to == OrderStatus.CANCELLED;
            case CONFIRMED -> to == OrderStatus.SHIPPED || to == OrderStatus.CANCELLED;
            default -> false;
        };
    }

    /** Folds one SKU-partition's events in order: available stock must never go below zero. */
    private void stock(InventoryEvent e, Map<String, Integer> reservedLines) {
        String sku = e.getSku();
        Object p = e.getPayload();
        if (p instanceof StockReserved r) {
            String line = r.getOrderId() + "#" + r.getLineNo();
            if (reservedLines.putIfAbsent(line, r.getQuantity()) != null) {
                stockErrors.add("line " + line + " reserved twice");
            }
            outstandingBySku.merge(sku, r.getQuantity(), Integer::sum);
            if (r.getAvailableAfter() < 0) {
                stockErrors.add(sku + " available went to " + r.getAvailableAfter());
            }
        } else if (p instanceof StockReleased r) {
            Integer q = reservedLines.remove(r.getOrderId() + "#" + r.getLineNo());
            if (q == null) {
                stockErrors.add("released " + r.getOrderId() + "#" + r.getLineNo() + " that was not reserved");
            } else {
                outstandingBySku.merge(sku, -q, Integer::sum);
            }
        } else if (p instanceof StockCommitted c) {
            Integer q = reservedLines.remove(c.getOrderId() + "#" + c.getLineNo());
            if (q == null) {
                stockErrors.add("committed " + c.getOrderId() + "#" + c.getLineNo() + " that was not reserved");
            } else {
                outstandingBySku.merge(sku, -q, Integer::sum);
                committedBySku.merge(sku, q, Integer::sum);
            }
        }
    }

    private void payment(PaymentEvent e) {
        if (!paymentKeys.add(e.getIdempotencyKey())) {
            duplicatePaymentEvents.add(e.getIdempotencyKey()); // the same operation published twice
        }
        long[] m = money.computeIfAbsent(e.getOrderId(), k -> new long[4]);
        Object p = e.getPayload();
        if (p instanceof PaymentAuthorized a) {
            m[0] += a.getAmountMinor();
        } else if (p instanceof PaymentVoided v) {
            m[1] += v.getAmountMinor();
        } else if (p instanceof PaymentRefunded r) {
            m[2] += r.getAmountMinor();
        } else if (p instanceof PaymentCaptured c) {
            m[3] += c.getAmountMinor();
        }
    }

    public List<String> ordersNotSettled() {
        List<String> open = new ArrayList<>();
        placed.keySet().forEach(id -> {
            OrderStatus s = status.get(id);
            if (s == null || s == OrderStatus.PLACED) {
                open.add(id + " is " + s);
            }
        });
        return open;
    }

    /** On-hand = initial + adjustments - shipped; reserved = lines of confirmed orders still open. */
    public List<String> stockViolations(Map<String, Integer> initialPlusAdjustments) {
        List<String> violations = new ArrayList<>(stockErrors);
        Map<String, Integer> shipped = new HashMap<>();
        Map<String, Integer> held = new HashMap<>();
        Map<String, Integer> heldLines = new HashMap<>();
        placed.forEach((id, order) -> {
            OrderStatus s = status.get(id);
            for (OrderLine l : order.getLines()) {
                if (s == OrderStatus.SHIPPED) {
                    shipped.merge(l.getSku(), l.getQuantity(), Integer::sum);
                } else if (s == OrderStatus.CONFIRMED) {
                    held.merge(l.getSku(), l.getQuantity(), Integer::sum);
                    heldLines.put(id + "#" + l.getLineNo(), l.getQuantity());
                }
            }
        });
        if (!outstandingLines.equals(heldLines)) {
            violations.add("reserved lines differ from the lines of confirmed open orders: "
                    + difference(outstandingLines, heldLines) + " reserved but not held, "
                    + difference(heldLines, outstandingLines) + " held but not reserved");
        }
        initialPlusAdjustments.forEach((sku, stocked) -> {
            int expectedOnHand = stocked - shipped.getOrDefault(sku, 0);
            int onHand = stocked - committedBySku.getOrDefault(sku, 0);
            if (onHand != expectedOnHand) {
                violations.add(sku + ": on-hand " + onHand + " but initial+adjustments-shipped is " + expectedOnHand);
            }
            int reserved = outstandingBySku.getOrDefault(sku, 0);
            if (reserved != held.getOrDefault(sku, 0)) {
                violations.add(sku + ": reserved " + reserved + " but confirmed open orders hold " + held.getOrDefault(sku, 0));
            }
            if (onHand - reserved < 0) {
                violations.add(sku + ": available " + (onHand - reserved));
            }
        });
        return violations;
    }

    private static Set<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
        Set<String> keys = new HashSet<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** authorized - voided - refunded = total for confirmed or shipped orders, else 0; captured = total iff shipped. */
    public List<String> paymentViolations() {
        List<String> violations = new ArrayList<>();
        duplicatePaymentEvents.forEach(k -> violations.add("operation " + k + " published more than once"));
        placed.forEach((id, order) -> {
            OrderStatus s = status.get(id);
            long[] m = money.getOrDefault(id, new long[4]);
            long held = m[0] - m[1] - m[2];
            long expectedHeld = (s == OrderStatus.CONFIRMED || s == OrderStatus.SHIPPED) ? order.getTotalMinor() : 0;
            if (held != expectedHeld) {
                violations.add(id + " (" + s + "): authorized-voided-refunded " + held + ", expected " + expectedHeld);
            }
            long expectedCaptured = s == OrderStatus.SHIPPED ? order.getTotalMinor() : 0;
            if (m[3] != expectedCaptured) {
                violations.add(id + " (" + s + "): captured " + m[3] + ", expected " + expectedCaptured);
            }
        });
        return violations;
    }
}

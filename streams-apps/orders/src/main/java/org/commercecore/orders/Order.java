package org.commercecore.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.orders.internal.Reply;
import org.commercecore.orders.internal.Status;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderTransitionRefused;
import org.commercecore.schemas.orders.RejectionReason;

/**
 * The order aggregate's rules. PLACED becomes CONFIRMED once every line is reserved, the payment
 * authorized and the fraud check passed; it becomes REJECTED as soon as any of them fails. The
 * outcome depends only on the replies, not on their order: any failure rejects, all successes
 * confirm, and a reply that comes before the order is kept until it does. An order still PLACED
 * when its deadline passes is rejected as TIMEOUT, and a reply after that is late. From CONFIRMED,
 * SHIP and CANCEL; CANCEL also while PLACED. Anything else changes nothing and is reported as refused.
 * Compensation is not commanded here: inventory and payments release, void or refund on their
 * own when they see REJECTED or CANCELLED.
 */
final class Order {
    private final OrderState state;
    private final List<Object> events = new ArrayList<>();

    private Order(OrderState state) {
        this.state = state;
    }

    static Order of(String orderId, OrderState stored) {
        return new Order(stored != null ? stored : OrderState.newBuilder().setOrderId(orderId).setCustomerId(null)
                .setStatus(Status.UNKNOWN).setLineCount(0).setLines(new HashMap<>()).setPayment(null).setFraud(null)
                .setCancelRequested(false).build());
    }

    OrderState state() {
        return state;
    }

    /** The payloads (OrderStatusChanged, OrderTransitionRefused) the last call produced. */
    List<Object> events() {
        return List.copyOf(events);
    }

    String customerId() {
        return state.getCustomerId();
    }

    /** Whether the order has been placed (whatever happened to it since). */
    boolean isPlaced() {
        return state.getStatus() != Status.UNKNOWN;
    }

    /** Keeps the total of an order a build that did not keep it in the state stored. */
    void adoptAmount(OrderAmount amount) {
        state.setTotalMinor(amount.getTotalMinor());
        state.setCurrency(amount.getCurrency());
    }

    /** The total as placed; empty before the order is placed, or when a build that did not keep it stored the order. */
    Optional<OrderAmount> amount() {
        return state.getTotalMinor() == null ? Optional.empty()
                : Optional.of(new OrderAmount(state.getTotalMinor(), state.getCurrency()));
    }

    /** When the order was placed; empty before, or when a build that did not keep it stored the order. */
    Optional<Instant> placedAt() {
        return Optional.ofNullable(state.getPlacedAt());
    }

    /** When the aggregate took the order in; empty before, or when a build that did not keep it stored the order. */
    Optional<Instant> sagaStartedAt() {
        return Optional.ofNullable(state.getSagaStartedAt());
    }

    /**
     * Whether the order was accepted as placed (false: it was placed already, and this is refused);
     * {@code now} starts the saga's deadline.
     */
    boolean placed(OrderPlaced placed, String sourceEventId, Instant now) {
        if (state.getStatus() != Status.UNKNOWN) {
            refuse("OrderPlaced", "the order was placed already", sourceEventId);
            return false;
        }
        state.setCustomerId(placed.getCustomerId());
        state.setLineCount(placed.getLines().size());
        state.setTotalMinor(placed.getTotalMinor());
        state.setCurrency(placed.getCurrency());
        state.setPlacedAt(placed.getPlacedAt());
        state.setSagaStartedAt(now);
        state.setStatus(Status.PLACED);
        String invalid = OrderValidation.problem(placed);
        if (invalid != null) {
            move(Status.REJECTED, RejectionReason.INVALID_ORDER, invalid);
        } else if (state.getCancelRequested()) {
            move(Status.CANCELLED, null, "cancelled on request before the order arrived");
        } else {
            decide();
        }
        return true;
    }

    void stockReply(Object payload, String sourceEventId) {
        int lineNo;
        Reply reply;
        if (payload instanceof StockReserved r) {
            lineNo = r.getLineNo();
            reply = Reply.OK;
        } else if (payload instanceof StockReservationRejected r) {
            lineNo = r.getLineNo();
            reply = Reply.FAILED;
        } else {
            return;
        }
        String label = payload.getClass().getSimpleName() + " line " + lineNo;
        if (state.getLines().containsKey(String.valueOf(lineNo))) {
            refuse(label, "a reply for this line was received already", sourceEventId);
            return;
        }
        if (isDecided()) {
            refuse(label, "late reply: the order is " + state.getStatus(), sourceEventId);
            return;
        }
        Map<String, Reply> lines = new HashMap<>(state.getLines());
        lines.put(String.valueOf(lineNo), reply);
        state.setLines(lines);
        decide();
    }

    void paymentReply(boolean authorized, String label, String sourceEventId) {
        if (state.getPayment() != null) {
            refuse(label, "the payment was answered already", sourceEventId);
            return;
        }
        if (isDecided()) {
            refuse(label, "late reply: the order is " + state.getStatus(), sourceEventId);
            return;
        }
        state.setPayment(authorized ? Reply.OK : Reply.FAILED);
        decide();
    }

    void fraudVerdict(boolean passed, String sourceEventId) {
        if (state.getFraud() != null) {
            refuse("FraudVerdict", "the fraud check was answered already", sourceEventId);
            return;
        }
        if (isDecided()) {
            refuse("FraudVerdict", "late reply: the order is " + state.getStatus(), sourceEventId);
            return;
        }
        state.setFraud(passed ? Reply.OK : Reply.FAILED);
        decide();
    }

    void command(OrderCommandKind kind, String sourceEventId) {
        Status now = state.getStatus();
        switch (kind) {
            case SHIP -> {
                if (now == Status.CONFIRMED) {
                    move(Status.SHIPPED, null, null);
                } else {
                    refuse("SHIP", "only a CONFIRMED order can ship; this one is " + now, sourceEventId);
                }
            }
            case CANCEL -> {
                if (now == Status.UNKNOWN) {
                    state.setCancelRequested(true); // the command overtook the order: apply it when the order arrives
                } else if (now == Status.PLACED || now == Status.CONFIRMED) {
                    move(Status.CANCELLED, null, "cancelled on request");
                } else {
                    refuse("CANCEL", "only a PLACED or CONFIRMED order can be cancelled; this one is " + now, sourceEventId);
                }
            }
            default -> refuse(String.valueOf(kind), "unknown command", sourceEventId);
        }
    }

    /** A participant whose reply a PLACED order waits for. */
    enum Awaited { PAYMENT, FRAUD, STOCK }

    /** The participants a PLACED order still waits for; never all answered, or it would have been decided. */
    Set<Awaited> awaited() {
        Set<Awaited> awaited = EnumSet.noneOf(Awaited.class);
        if (state.getPayment() == null) {
            awaited.add(Awaited.PAYMENT);
        }
        if (state.getFraud() == null) {
            awaited.add(Awaited.FRAUD);
        }
        if (state.getLines().size() < state.getLineCount()) {
            awaited.add(Awaited.STOCK);
        }
        return awaited;
    }

    /** Placed and not decided yet: waiting for replies, so under a deadline. */
    boolean isAwaitingReplies() {
        return state.getStatus() == Status.PLACED;
    }

    /** Rejects the order as TIMEOUT, naming the replies it waited for in vain; false if it is no longer PLACED. */
    boolean timedOut(Duration deadline) {
        if (!isAwaitingReplies()) {
            return false;
        }
        List<String> missing = new ArrayList<>();
        for (Awaited awaited : awaited()) {
            missing.add(switch (awaited) {
                case PAYMENT -> "payment";
                case FRAUD -> "fraud check";
                case STOCK -> missingStock();
            });
        }
        move(Status.REJECTED, RejectionReason.TIMEOUT, "no reply within " + shown(deadline) + ": " + String.join(", ", missing));
        return true;
    }

    /**
     * The state keeps the count of lines, not their numbers (more state per order for a message).
     * The command API, where every order is written, numbers them from 1, so the lines missing are
     * named; a reply numbered otherwise shows an order from elsewhere, and then they are counted.
     */
    private String missingStock() {
        int lineCount = state.getLineCount();
        Map<String, Reply> lines = state.getLines();
        boolean numberedFromOne = lines.keySet().stream()
                .allMatch(n -> n.matches("[0-9]{1,9}") && Integer.parseInt(n) >= 1 && Integer.parseInt(n) <= lineCount);
        if (!numberedFromOne) {
            return "stock for " + (lineCount - lines.size()) + " of " + lineCount + " lines";
        }
        List<String> open = new ArrayList<>();
        for (int n = 1; n <= lineCount; n++) {
            if (!lines.containsKey(String.valueOf(n))) {
                open.add(String.valueOf(n));
            }
        }
        return (open.size() == 1 ? "stock line " : "stock lines ") + String.join(", ", open);
    }

    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Still PLACED: reject at the first failure, confirm when everything succeeded. */
    private void decide() {
        if (state.getStatus() != Status.PLACED) {
            return;
        }
        if (state.getLines().containsValue(Reply.FAILED)) {
            move(Status.REJECTED, RejectionReason.OUT_OF_STOCK, "a line could not be reserved");
        } else if (state.getPayment() == Reply.FAILED) {
            move(Status.REJECTED, RejectionReason.PAYMENT_DECLINED, "the payment was declined");
        } else if (state.getFraud() == Reply.FAILED) {
            move(Status.REJECTED, RejectionReason.FRAUD_SUSPECTED, "the customer's spend limit would be exceeded");
        } else if (state.getLines().size() == state.getLineCount() && state.getPayment() == Reply.OK
                && state.getFraud() == Reply.OK) {
            move(Status.CONFIRMED, null, null);
        }
    }

    /** Decided, or not placed yet but already closed; a reply then changes nothing. */
    private boolean isDecided() {
        Status s = state.getStatus();
        return s != Status.UNKNOWN && s != Status.PLACED;
    }

    private void move(Status to, RejectionReason code, String reason) {
        OrderStatus from = OrderStatus.valueOf(state.getStatus().name());
        state.setStatus(to);
        events.add(OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(OrderStatus.valueOf(to.name()))
                .setReasonCode(code).setReason(reason).build());
    }

    private void refuse(String attempted, String reason, String sourceEventId) {
        events.add(OrderTransitionRefused.newBuilder().setAttempted(attempted)
                .setCurrentStatus(OrderStatus.valueOf(state.getStatus().name())).setReason(reason)
                .setSourceEventId(sourceEventId).build());
    }
}

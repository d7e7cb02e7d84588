package org.commercecore.payments;

import java.util.ArrayList;
import java.util.List;
import org.commercecore.payments.internal.Operation;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.payments.internal.Step;
import org.commercecore.payments.provider.ProviderResult;
import org.commercecore.schemas.orders.OrderStatus;

/**
 * What a payment needs next, decided from what has happened to it. One provider call at a time
 * per order; a call that arrives while another is under way waits in the queue, and is dropped
 * when by its turn it no longer applies (no void after a decline, no second void).
 */
final class PaymentPlan {
    private PaymentPlan() {
    }

    /** The operations an order's new status asks for. */
    static List<Operation> wanted(PaymentState state, OrderStatus to) {
        return switch (to) {
            case SHIPPED -> List.of(Operation.CAPTURE);
            case REJECTED, CANCELLED -> List.of(Operation.REFUND, Operation.VOID); // whichever applies, in turn
            default -> List.of();
        };
    }

    static void request(PaymentState state, Operation operation) {
        if (state.getInFlight() == null && applies(state, operation)) {
            state.setInFlight(operation);
        } else if (state.getInFlight() != null && !state.getQueued().contains(operation) && state.getInFlight() != operation) {
            List<Operation> queued = new ArrayList<>(state.getQueued());
            queued.add(operation);
            state.setQueued(queued);
        }
    }

    /** Records the answer to the call under way and moves the next applicable queued call in flight. */
    static void answered(PaymentState state, ProviderResult result) {
        Operation done = state.getInFlight();
        List<Step> steps = new ArrayList<>(state.getDone());
        steps.add(step(done, result));
        state.setDone(steps);
        if (done == Operation.AUTHORIZE && result.approved()) {
            state.setAuthorizationCode(result.reference());
        }
        state.setInFlight(null);
        List<Operation> queued = new ArrayList<>(state.getQueued());
        while (!queued.isEmpty() && state.getInFlight() == null) {
            Operation next = queued.remove(0);
            if (applies(state, next)) {
                state.setInFlight(next);
            }
        }
        state.setQueued(queued);
    }

    static boolean applies(PaymentState state, Operation operation) {
        List<Step> done = state.getDone();
        boolean authorized = done.contains(Step.AUTHORIZED);
        boolean captured = done.contains(Step.CAPTURED);
        boolean closed = done.contains(Step.VOIDED) || done.contains(Step.REFUNDED);
        return switch (operation) {
            case AUTHORIZE -> done.isEmpty();
            case CAPTURE -> authorized && !captured && !closed;
            case VOID -> authorized && !captured && !closed;
            case REFUND -> captured && !closed;
            default -> false;
        };
    }

    private static Step step(Operation operation, ProviderResult result) {
        if (!result.approved()) {
            return Step.DECLINED;
        }
        return switch (operation) {
            case AUTHORIZE -> Step.AUTHORIZED;
            case CAPTURE -> Step.CAPTURED;
            case VOID -> Step.VOIDED;
            case REFUND -> Step.REFUNDED;
            default -> Step.UNKNOWN;
        };
    }
}

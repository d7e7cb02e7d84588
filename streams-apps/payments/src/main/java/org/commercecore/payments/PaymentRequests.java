package org.commercecore.payments;

import org.commercecore.payments.internal.Operation;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.payments.provider.ProviderRequest;

/** Provider requests for a payment's next operation. */
final class PaymentRequests {
    private PaymentRequests() {
    }

    static ProviderRequest of(PaymentState state, Operation operation) {
        org.commercecore.payments.provider.Operation op = port(operation);
        return new ProviderRequest(op, ProviderRequest.idempotencyKey(state.getOrderId(), op), state.getOrderId(),
                state.getCustomerId(), state.getAmountMinor(), state.getCurrency(), state.getAuthorizationCode());
    }

    static org.commercecore.payments.provider.Operation port(Operation operation) {
        return org.commercecore.payments.provider.Operation.valueOf(operation.name());
    }
}

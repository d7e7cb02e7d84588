package org.commercecore.payments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.commercecore.payments.internal.Operation;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.payments.provider.ProviderRequest;
import org.commercecore.payments.provider.ProviderResult;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentCaptured;
import org.commercecore.schemas.payments.PaymentDeclined;
import org.commercecore.schemas.payments.PaymentEvent;
import org.commercecore.schemas.payments.PaymentRefunded;
import org.commercecore.schemas.payments.PaymentVoided;

/** The public event for a provider's answer; its id derives from the idempotency key, so a replay repeats it exactly. */
final class PaymentEvents {
    private PaymentEvents() {
    }

    static PaymentEvent of(PaymentState state, Operation operation, ProviderResult result, long timestamp) {
        String key = ProviderRequest.idempotencyKey(state.getOrderId(), PaymentRequests.port(operation));
        Object payload = switch (operation) {
            case AUTHORIZE -> result.approved()
                    ? PaymentAuthorized.newBuilder().setAmountMinor(state.getAmountMinor()).setCurrency(state.getCurrency())
                            .setAuthorizationCode(result.reference()).build()
                    : PaymentDeclined.newBuilder().setAmountMinor(state.getAmountMinor()).setCurrency(state.getCurrency())
                            .setDeclineCode(result.declineCode()).setReason(result.reason()).build();
            case CAPTURE -> PaymentCaptured.newBuilder().setAmountMinor(state.getAmountMinor()).setCurrency(state.getCurrency()).build();
            case VOID -> PaymentVoided.newBuilder().setAmountMinor(state.getAmountMinor()).setCurrency(state.getCurrency()).build();
            case REFUND -> PaymentRefunded.newBuilder().setAmountMinor(state.getAmountMinor()).setCurrency(state.getCurrency()).build();
            default -> throw new IllegalStateException("no event for " + operation);
        };
        return PaymentEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((key + "/" + result.approved()).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(Instant.ofEpochMilli(timestamp))
                .setOrderId(state.getOrderId())
                .setCorrelationId(state.getOrderId())
                .setPaymentId("pay-" + state.getOrderId())
                .setIdempotencyKey(key)
                .setPayload(payload)
                .build();
    }
}

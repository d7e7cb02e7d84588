package org.commercecore.payments.provider;

/**
 * One call to the provider. The idempotency key is stable for an order and operation, so a call
 * repeated after a crash or a retry is recognised by the provider and never executed twice.
 */
public record ProviderRequest(Operation operation, String idempotencyKey, String orderId, String customerId,
                              long amountMinor, String currency, String authorizationCode) {

    public static String idempotencyKey(String orderId, Operation operation) {
        return orderId + ":" + operation.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.commercecore.payments.provider;

/**
 * The port to a payment provider. Implementations must honour the request's idempotency key the
 * way real providers do: a key already executed returns the first result, without a second
 * charge. Calls may block; the payments app never makes them on a stream thread.
 */
public interface PaymentProvider {

    ProviderResult execute(ProviderRequest request) throws ProviderUnavailableException;
}

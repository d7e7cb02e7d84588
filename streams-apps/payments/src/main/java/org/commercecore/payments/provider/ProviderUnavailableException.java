package org.commercecore.payments.provider;

/** The provider could not answer this time (timeout, 5xx); the same call may succeed later. */
public final class ProviderUnavailableException extends Exception {
    public ProviderUnavailableException(String message) {
        super(message);
    }
}

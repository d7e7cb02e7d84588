package org.commercecore.notifications.delivery;

/** An attempt that did not deliver: {@code retryable} when trying again later may succeed (a timeout, a 503), not when it cannot (a 400, a rejected address). */
public final class DeliveryFailure extends Exception {
    private final boolean retryable;

    public DeliveryFailure(String reason, boolean retryable) {
        super(reason);
        this.retryable = retryable;
    }

    public DeliveryFailure(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

package org.commercecore.payments.provider;

/** What a payment provider can be asked to do. */
public enum Operation {
    AUTHORIZE,
    CAPTURE,
    VOID,
    REFUND
}

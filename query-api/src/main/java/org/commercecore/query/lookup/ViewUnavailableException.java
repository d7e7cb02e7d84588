package org.commercecore.query.lookup;

/** No instance can answer for the key right now (rebalancing, or owner and standbys unreachable): a 503, retry later. */
public final class ViewUnavailableException extends RuntimeException {
    public ViewUnavailableException(String message) {
        super(message);
    }
}

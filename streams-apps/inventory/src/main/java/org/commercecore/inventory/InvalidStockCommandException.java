package org.commercecore.inventory;

/** A stock command that breaks a stock rule; the record goes to the dead-letter topic with this message. */
final class InvalidStockCommandException extends RuntimeException {
    InvalidStockCommandException(String message) {
        super(message);
    }
}

package org.commercecore.platform.registry;

/**
 * The registry could not be reached or failed (I/O error, 5xx) even after retries. Nothing is
 * known about the record being handled, so it must be retried, never dead-lettered.
 */
public final class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True if this exception, or any of its causes, says the registry was unavailable. */
    public static boolean isCauseOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}

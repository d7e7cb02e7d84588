package org.commercecore.platform.config;

/** A setting is missing or invalid; the message names the environment variable to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

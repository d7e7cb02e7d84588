package org.commercecore.platform.config;

/** Where the process runs. Dev defaults for secrets are refused in {@link #PROD}. */
public enum Profile {
    DEV,
    PROD
}

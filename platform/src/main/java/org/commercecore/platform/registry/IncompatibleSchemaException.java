package org.commercecore.platform.registry;

/** The registry refused a schema because it breaks the subject's compatibility rule (HTTP 409). */
public final class IncompatibleSchemaException extends RuntimeException {
    private final String subject;

    public IncompatibleSchemaException(String subject, String detail) {
        super("schema for subject " + subject + " is incompatible with its previous version: " + detail);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}

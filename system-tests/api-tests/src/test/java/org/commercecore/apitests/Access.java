package org.commercecore.apitests;

import java.util.Locale;

/**
 * Who may call an operation, as its OpenAPI document says in {@code x-access}; the matrix test
 * derives every role's expected answer from it.
 */
enum Access {
    /** Anyone; the answer does not depend on who calls. */
    PUBLIC,
    /** Any signed-in caller, acting on their own account. */
    SELF,
    /** The owner of the resource in the path, or an admin; to anyone else the resource does not exist. */
    OWNER,
    /** Admins only. */
    ADMIN;

    static Access of(String value, String operation) {
        if (value == null) {
            throw new AssertionError(operation + " has no x-access in its OpenAPI document: say who may call it"
                    + " (public, self, owner or admin)");
        }
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The status class a role must get, or the exact refusal. */
    Expected expectedFor(Role role) {
        if (this == PUBLIC) {
            return Expected.SAME_FOR_EVERY_ROLE;
        }
        if (role == Role.ANONYMOUS) {
            return Expected.refused(401);
        }
        return switch (this) {
            case SELF -> Expected.ALLOWED;
            case OWNER -> role == Role.CUSTOMER_B ? Expected.refused(404) : Expected.ALLOWED;
            case ADMIN -> role == Role.ADMIN ? Expected.ALLOWED : Expected.refused(403);
            case PUBLIC -> throw new IllegalStateException();
        };
    }

    /** ALLOWED: a 2xx. A refusal: exactly that status. SAME_FOR_EVERY_ROLE: whatever anonymous gets. */
    record Expected(int refusal) {
        static final Expected ALLOWED = new Expected(0);
        static final Expected SAME_FOR_EVERY_ROLE = new Expected(-1);

        static Expected refused(int status) {
            return new Expected(status);
        }
    }
}

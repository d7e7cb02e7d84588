package org.commercecore.query.lookup;

import java.util.Objects;
import java.util.Optional;
import org.commercecore.platform.auth.Caller;

/**
 * Whom a lookup is answered for: a signed-in {@link Caller}, or {@link #ANONYMOUS} for the public
 * views. It travels beside a {@link Lookup} (in the peer token), never inside it: a lookup stays a
 * pure question, and whoever answers it decides what this asker may see ({@link ViewAccess}).
 */
public final class Asker {
    public static final Asker ANONYMOUS = new Asker(null);

    private final Caller caller;

    private Asker(Caller caller) {
        this.caller = caller;
    }

    public static Asker of(Caller caller) {
        return new Asker(Objects.requireNonNull(caller, "caller"));
    }

    /** The signed-in caller; empty when anonymous. */
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    public boolean isAnonymous() {
        return caller == null;
    }

    /** The asker owns what {@code ownerId} owns, or is an admin; never when anonymous. */
    boolean mayAccess(String ownerId) {
        return caller != null && ownerId != null && caller.mayAccess(ownerId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Asker that && Objects.equals(caller, that.caller);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(caller);
    }

    @Override
    public String toString() {
        return caller == null ? "anonymous" : caller.role() + " " + caller.userId();
    }
}

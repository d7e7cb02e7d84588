package org.commercecore.platform.auth;

/** Who is calling, as proven by a valid access token. */
public record Caller(String userId, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The caller owns the resource, or is an admin. */
    public boolean mayAccess(String ownerId) {
        return isAdmin() || userId.equals(ownerId);
    }
}

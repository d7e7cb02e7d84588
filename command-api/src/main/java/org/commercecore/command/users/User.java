package org.commercecore.command.users;

import java.time.Instant;
import org.commercecore.platform.auth.Role;

/** A row of {@code users}, without its password hash. */
public record User(String id, String email, String displayName, Role role, NotificationPreferences notifications,
        Instant createdAt, Instant updatedAt) {
}

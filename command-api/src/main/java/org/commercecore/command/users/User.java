package org.commercecore.command.users;

import java.time.Instant;
import org.commercecore.platform.auth.Role;

/** A row of {@code users}, without its password hash; {@code emailVerifiedAt} is null until the e-mail is proven. */
public record User(String id, String email, String displayName, Role role, NotificationPreferences notifications,
        Instant emailVerifiedAt, Instant createdAt, Instant updatedAt) {
}

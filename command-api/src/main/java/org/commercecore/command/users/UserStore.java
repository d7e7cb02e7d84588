package org.commercecore.command.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.commercecore.platform.auth.Role;

/** SQL over the {@code users} table. */
final class UserStore {
    private static final String COLUMNS = "id, email, display_name, role, notification_preferences, email_verified_at, created_at, updated_at";

    String insert(Connection db, String email, String displayName, Role role, String passwordHash) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO users (id, email, display_name, role, password_hash) VALUES (?::uuid, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, email);
            insert.setString(3, displayName);
            insert.setString(4, role.name());
            insert.setString(5, passwordHash);
            insert.executeUpdate();
        }
        return id;
    }

    Optional<User> byId(Connection db, String id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?::uuid")) {
            select.setString(1, id);
            return one(select);
        }
    }

    /** The user and their password hash, by email (whatever its case). */
    Optional<Credentials> credentials(Connection db, String email) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(?)")) {
            select.setString(1, email);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Credentials(user(row), row.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    void update(Connection db, String id, String email, String displayName, String passwordHash,
            NotificationPreferences notifications) throws SQLException {
        // a changed e-mail is not proven yet (the same address in another case still is)
        try (PreparedStatement update = db.prepareStatement("UPDATE users SET email_verified_at = CASE WHEN ?::text IS NULL"
                + " OR lower(?) = lower(email) THEN email_verified_at END, email = coalesce(?, email),"
                + " display_name = coalesce(?, display_name), password_hash = coalesce(?, password_hash),"
                + " notification_preferences = notification_preferences || coalesce(?::jsonb, '{}'::jsonb), updated_at = now()"
                + " WHERE id = ?::uuid")) {
            update.setString(1, email);
            update.setString(2, email);
            update.setString(3, email);
            update.setString(4, displayName);
            update.setString(5, passwordHash);
            update.setString(6, notifications == null ? null : notifications.patchJson());
            update.setString(7, id);
            update.executeUpdate();
        }
    }

    /**
     * A login by code to {@code email}: the e-mail is proven; if it was not before, the password
     * goes too (whoever set it never proved the address). True when that happened.
     */
    boolean claimByCode(Connection db, String id, String email) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE users SET email_verified_at = now(), password_hash = NULL,"
                + " updated_at = now() WHERE id = ?::uuid AND lower(email) = lower(?) AND email_verified_at IS NULL")) {
            update.setString(1, id);
            update.setString(2, email);
            return update.executeUpdate() == 1;
        }
    }

    /** Marks the e-mail proven, if it is still the account's; false when it changed meanwhile. */
    boolean markEmailVerified(Connection db, String id, String email) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE users SET email_verified_at = coalesce(email_verified_at, now()),"
                + " updated_at = CASE WHEN email_verified_at IS NULL THEN now() ELSE updated_at END"
                + " WHERE id = ?::uuid AND lower(email) = lower(?)")) {
            update.setString(1, id);
            update.setString(2, email);
            return update.executeUpdate() == 1;
        }
    }

    boolean adminExists(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT 1 FROM users WHERE role = 'ADMIN' LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private static Optional<User> one(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(user(row)) : Optional.empty();
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString("id"), row.getString("email"), row.getString("display_name"),
                Role.valueOf(row.getString("role")),
                NotificationPreferences.fromJson(row.getString("notification_preferences")),
                Optional.ofNullable(row.getTimestamp("email_verified_at")).map(java.sql.Timestamp::toInstant).orElse(null),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    record Credentials(User user, String passwordHash) {
    }
}

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
    private static final String COLUMNS = "id, email, display_name, role, notification_preferences, created_at, updated_at";

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
        try (PreparedStatement update = db.prepareStatement("UPDATE users SET email = coalesce(?, email),"
                + " display_name = coalesce(?, display_name), password_hash = coalesce(?, password_hash),"
                + " notification_preferences = notification_preferences || coalesce(?::jsonb, '{}'::jsonb), updated_at = now()"
                + " WHERE id = ?::uuid")) {
            update.setString(1, email);
            update.setString(2, displayName);
            update.setString(3, passwordHash);
            update.setString(4, notifications == null ? null : notifications.patchJson());
            update.setString(5, id);
            update.executeUpdate();
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
                NotificationPreferences.fromJson(row.getString("notification_preferences")), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    record Credentials(User user, String passwordHash) {
    }
}

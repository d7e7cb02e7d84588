package org.commercecore.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.commercecore.localstack.StackAddresses;

/** What the command API will do to the write side, done here in plain SQL: the rows Debezium streams. */
final class WriteSide implements AutoCloseable {
    private final Connection db;

    WriteSide(StackAddresses stack) throws SQLException {
        this.db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }

    String user(String email, String name) throws SQLException {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO users (id, email, display_name, role, password_hash) VALUES (?::uuid, ?, ?, 'CUSTOMER', 'not-a-real-hash')",
                id, email, name);
        return id;
    }

    void rename(String userId, String name) throws SQLException {
        update("UPDATE users SET display_name = ?, updated_at = now() WHERE id = ?::uuid", name, userId);
    }

    void deleteUser(String userId) throws SQLException {
        update("DELETE FROM users WHERE id = ?::uuid", userId);
    }

    void product(String sku, long priceMinor, int stock) throws SQLException {
        update("INSERT INTO products (sku, name, price_minor, currency, low_stock_threshold) VALUES (?, ?, ?, 'EUR', 1)",
                sku, "product " + sku, priceMinor);
        update("INSERT INTO stock_adjustments (id, sku, quantity_delta, reason) VALUES (?::uuid, ?, ?, 'INITIAL')",
                UUID.randomUUID().toString(), sku, stock);
    }

    /** An order of one line per (sku, quantity) at the given unit price; the total is the sum. */
    String order(String customerId, long unitPrice, Map<String, Integer> lines) throws SQLException {
        StringBuilder json = new StringBuilder("[");
        long total = 0;
        int n = 1;
        for (var line : lines.entrySet()) {
            json.append(n > 1 ? "," : "").append("{\"line_no\":").append(n++).append(",\"sku\":\"").append(line.getKey())
                    .append("\",\"quantity\":").append(line.getValue()).append(",\"unit_price_minor\":").append(unitPrice).append('}');
            total += line.getValue() * unitPrice;
        }
        return orderWithLines(customerId, json.append(']').toString(), total);
    }

    String orderWithLines(String customerId, String linesJson, long total) throws SQLException {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO orders (id, customer_id, currency, total_minor, lines) VALUES (?::uuid, ?::uuid, 'EUR', ?, ?::jsonb)",
                id, customerId, total, linesJson);
        return id;
    }

    void command(String orderId, String kind) throws SQLException {
        update("INSERT INTO order_commands (id, order_id, kind) VALUES (?::uuid, ?::uuid, ?)", UUID.randomUUID().toString(),
                orderId, kind);
    }

    /** projections.order_status: order id to status, as the JDBC sink wrote it. */
    Map<String, String> projectedStatuses() throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("SELECT order_id, status FROM projections.order_status");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return statuses;
    }

    /** One number from SQL, e.g. a sum over projections.daily_order_totals (0 when there are no rows). */
    long number(String sql) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}

package org.commercecore.apitests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commercecore.localstack.StackAddresses;

/**
 * The write side's tables as one fingerprint per table: a refused request must leave every one of
 * them as it was (nothing here runs beside the properties, so any change is the request's).
 */
final class WriteSide {
    private static final List<String> TABLES = List.of("users", "products", "orders", "order_commands", "stock_adjustments",
            "idempotency_keys");

    private final StackAddresses stack;

    WriteSide(StackAddresses stack) {
        this.stack = stack;
    }

    Map<String, String> fingerprint() {
        StringBuilder query = new StringBuilder("SELECT ");
        for (int i = 0; i < TABLES.size(); i++) {
            query.append(i > 0 ? ", " : "").append("(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ")
                    .append(TABLES.get(i)).append(" t)");
        }
        Map<String, String> prints = new LinkedHashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(query.toString())) {
            row.next();
            for (int i = 0; i < TABLES.size(); i++) {
                prints.put(TABLES.get(i), row.getString(i + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return prints;
    }

    /** One row's columns as text, by a query with one parameter. */
    Map<String, String> row(String query, Object parameter) {
        try (Connection db = connect(); var statement = db.prepareStatement(query)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Map.of();
                }
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    columns.put(row.getMetaData().getColumnLabel(i), row.getString(i));
                }
                return columns;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }
}

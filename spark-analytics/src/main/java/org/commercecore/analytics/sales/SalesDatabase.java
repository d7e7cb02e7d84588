package org.commercecore.analytics.sales;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The daily-sales tables in PostgreSQL (schema {@code analytics}, created when missing). A run
 * replaces its days in one transaction: every row of those days is deleted and the new figures
 * inserted, so a reader sees the old day or the new one, never a mix, and other days are untouched.
 */
public final class SalesDatabase {
    private static final int BATCH = 500;
    private final String url;
    private final Properties login = new Properties();

    public SalesDatabase(String url, String user, String password) {
        this.url = url;
        login.setProperty("user", user);
        login.setProperty("password", password);
    }

    /** Table name to rows (columns named as in the table, {@code computed_at} excepted). */
    public Map<String, Long> replace(LocalDate first, LocalDate last, Map<String, Dataset<Row>> tables) {
        OffsetDateTime computedAt = Instant.now().atOffset(ZoneOffset.UTC);
        Map<String, Long> written = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url, login)) {
            createTables(db);
            db.setAutoCommit(false);
            try {
                for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
                    written.put(table.getKey(), replace(db, table.getKey(), table.getValue(), first, last, computedAt));
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the daily-sales tables to " + url + " failed: " + e.getMessage(), e);
        }
        return written;
    }

    private static long replace(Connection db, String table, Dataset<Row> rows, LocalDate first, LocalDate last,
            OffsetDateTime computedAt) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM analytics." + table + " WHERE day BETWEEN ? AND ?")) {
            delete.setObject(1, first);
            delete.setObject(2, last);
            delete.executeUpdate();
        }
        String[] columns = rows.columns();
        String insert = "INSERT INTO analytics." + table + " (" + String.join(", ", columns) + ", computed_at) VALUES ("
                + Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", ")) + ", ?)";
        long count = 0;
        try (PreparedStatement statement = db.prepareStatement(insert)) {
            Iterator<Row> it = rows.toLocalIterator();
            while (it.hasNext()) {
                Row row = it.next();
                for (int i = 0; i < columns.length; i++) {
                    statement.setObject(i + 1, row.get(i));
                }
                statement.setObject(columns.length + 1, computedAt);
                statement.addBatch();
                if (++count % BATCH == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
        }
        return count;
    }

    private static void createTables(Connection db) throws SQLException {
        try (InputStream in = SalesDatabase.class.getResourceAsStream("analytics-schema.sql");
                Statement statement = db.createStatement()) {
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

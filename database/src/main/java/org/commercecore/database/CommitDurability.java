package org.commercecore.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Whether a PostgreSQL session's commits are on disk before they are acknowledged. The command
 * API answers 202 once its transaction commits, so a server that acknowledges earlier
 * ({@code fsync=off}, {@code synchronous_commit=off}) loses acknowledged orders in a crash: seen
 * here, 9 of 713 acknowledged orders gone after a SIGKILL of the postmaster. Checked on a pooled
 * connection, since a role or database may override the server's setting for its sessions.
 */
public final class CommitDurability {
    private CommitDurability() {
    }

    /** What makes this session's commits non-durable, one sentence each; empty when they are durable. */
    public static List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!"on".equals(show(connection, "fsync"))) {
            problems.add("fsync is off: the server does not force its log to disk (ALTER SYSTEM SET fsync = on, then restart)");
        }
        if ("off".equals(show(connection, "synchronous_commit"))) {
            problems.add("synchronous_commit is off: a commit is acknowledged before its log record is on disk"
                    + " (ALTER SYSTEM SET synchronous_commit = on, and check ALTER ROLE/DATABASE ... SET for overrides)");
        }
        if (!"on".equals(show(connection, "full_page_writes"))) {
            problems.add("full_page_writes is off: a crash in the middle of a page write can corrupt the data"
                    + " (ALTER SYSTEM SET full_page_writes = on)");
        }
        return problems;
    }

    /** Throws, naming every problem, unless the data source's sessions commit durably. */
    public static void require(DataSource dataSource) {
        List<String> problems;
        try (Connection connection = dataSource.getConnection()) {
            problems = problems(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check PostgreSQL's commit settings: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("PostgreSQL would acknowledge writes that a crash can lose, and this service"
                    + " answers only after a durable commit: " + String.join("; ", problems));
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

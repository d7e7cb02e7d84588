package org.commercecore.command.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of work in one PostgreSQL transaction: committed when it returns, rolled back when
 * it throws. Each command of the API is one of these, so what Debezium streams is always whole.
 */
public final class Transactions {
    /** SQLSTATE of a unique or primary-key violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** A database failure that is not the caller's fault (the API answers 500 and logs it). */
    public static final class StorageException extends RuntimeException {
        public StorageException(SQLException cause) {
            super("PostgreSQL: " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
        }
    }
}

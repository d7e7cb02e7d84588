package org.commercecore.platform.cdc;

/**
 * A change row that cannot become a domain record: a column missing, of the wrong type or not
 * parseable. Thrown by the intake, turned into a dead letter by the Streams runner, so the row
 * is kept with the reason and the stream goes on.
 */
public final class MalformedRowException extends RuntimeException {
    public MalformedRowException(String message) {
        super(message);
    }

    /** The same problem, said of a row of a table. */
    public MalformedRowException in(String table, String rowId) {
        MalformedRowException located = new MalformedRowException(table + " row " + rowId + ": " + getMessage());
        located.setStackTrace(getStackTrace());
        return located;
    }
}

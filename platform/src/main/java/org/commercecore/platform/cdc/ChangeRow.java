package org.commercecore.platform.cdc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One row change as the write side's Debezium source publishes it (connectors/config): the row's
 * columns, flattened by ExtractNewRecordState, plus {@code __op}, {@code __lsn},
 * {@code __source_ts_ms} and {@code __deleted}. A delete carries the row as it was before
 * (the captured tables keep full before-images).
 *
 * <p>Debezium's Avro types arrive as plain values: uuid and jsonb as strings, timestamptz as an
 * ISO-8601 string, bigint as long. The typed getters turn them into Java values or throw
 * {@link MalformedRowException} naming the column, which the intake dead-letters.
 */
public final class ChangeRow {
    private final GenericRecord value;

    private ChangeRow(GenericRecord value) {
        this.value = value;
    }

    /** The row of a change event; empty for Debezium's tombstone, which follows a delete and says nothing new. */
    public static Optional<ChangeRow> of(GenericRecord value) {
        return Optional.ofNullable(value).map(ChangeRow::new);
    }

    public Operation operation() {
        return Operation.of(requiredString("__op"));
    }

    /** True for the row of a delete. */
    public boolean deleted() {
        return operation() == Operation.DELETE || "true".equals(optionalString("__deleted").orElse("false"));
    }

    /** The position of the change in PostgreSQL's write-ahead log; grows with every commit. */
    public long lsn() {
        return requiredLong("__lsn");
    }

    public boolean has(String column) {
        return value.getSchema().getField(column) != null;
    }

    public String requiredString(String column) {
        return optionalString(column).orElseThrow(() -> missing(column));
    }

    public Optional<String> optionalString(String column) {
        Object v = raw(column);
        return Optional.ofNullable(v).map(Object::toString);
    }

    public long requiredLong(String column) {
        Object v = raw(column);
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        throw v == null ? missing(column) : wrongType(column, "a whole number", v);
    }

    public int requiredInt(String column) {
        return optionalInt(column).orElseThrow(() -> missing(column));
    }

    public Optional<Integer> optionalInt(String column) {
        Object v = raw(column);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer i) {
            return Optional.of(i);
        }
        throw wrongType(column, "an integer", v);
    }

    /** A timestamptz column (Debezium's ZonedTimestamp: an ISO-8601 string with offset). */
    public Instant requiredInstant(String column) {
        String text = requiredString(column);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedRowException(column + " is not an ISO-8601 timestamp: " + text);
        }
    }

    private Object raw(String column) {
        Schema.Field field = value.getSchema().getField(column);
        if (field == null) {
            throw new MalformedRowException("the change event has no column " + column + " (schema "
                    + value.getSchema().getFullName() + ")");
        }
        return value.get(field.pos());
    }

    private static MalformedRowException missing(String column) {
        return new MalformedRowException(column + " is missing");
    }

    private static MalformedRowException wrongType(String column, String expected, Object actual) {
        return new MalformedRowException(column + " is not " + expected + ": " + actual);
    }

    /** Debezium's operation codes. */
    public enum Operation {
        /** A row read by the initial snapshot: it existed before capture began. */
        READ,
        CREATE,
        UPDATE,
        DELETE;

        static Operation of(String code) {
            return switch (code) {
                case "r" -> READ;
                case "c" -> CREATE;
                case "u" -> UPDATE;
                case "d" -> DELETE;
                default -> throw new MalformedRowException("unknown change operation " + code);
            };
        }

        /** A row that is new to the consumer: inserted, or found by the snapshot. */
        public boolean isNewRow() {
            return this == READ || this == CREATE;
        }
    }
}

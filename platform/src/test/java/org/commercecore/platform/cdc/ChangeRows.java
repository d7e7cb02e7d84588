package org.commercecore.platform.cdc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.commercecore.platform.registry.InMemorySchemaRegistry;

/**
 * Test fixture: change events of one table shaped as the write side's Debezium source writes them
 * (key = {id}, value = the flattened row plus __op, __lsn, __source_ts_ms, __deleted), with their
 * schemas registered in an in-memory registry the way Connect's converter registers them.
 */
public final class ChangeRows {
    private final Schema key;
    private final Schema value;
    private final String keyColumn;

    private ChangeRows(Schema key, Schema value, String keyColumn) {
        this.key = key;
        this.value = value;
        this.keyColumn = keyColumn;
    }

    /**
     * Columns: name to type ("string", "long", "int"); the first is the primary key (a string),
     * the others are nullable, as Debezium writes optional columns.
     */
    public static ChangeRows of(String topic, Map<String, String> columns, URI registry) {
        String name = topic.replace('.', '_');
        String keyColumn = columns.keySet().iterator().next();
        Schema key = SchemaBuilder.record(name + "_Key").namespace("cdc").fields().requiredString(keyColumn).endRecord();
        var fields = SchemaBuilder.record(name + "_Value").namespace("cdc").fields().requiredString(keyColumn);
        columns.entrySet().stream().skip(1).forEach(column -> {
            String type = column.getValue();
            switch (type) {
                case "string" -> fields.optionalString(column.getKey());
                case "long" -> fields.optionalLong(column.getKey());
                case "int" -> fields.optionalInt(column.getKey());
                default -> throw new IllegalArgumentException(type);
            }
        });
        Schema value = fields.optionalString("__op").optionalLong("__lsn").optionalLong("__source_ts_ms")
                .optionalString("__deleted").endRecord();
        InMemorySchemaRegistry scope = InMemorySchemaRegistry.scope(registry);
        scope.register(topic + "-key", key);
        scope.register(topic + "-value", value);
        return new ChangeRows(key, value, keyColumn);
    }

    /** Column names and types, in order: {@code columns("sku", "string", "quantity", "int")}. */
    public static Map<String, String> columns(String... nameType) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            columns.put(nameType[i], nameType[i + 1]);
        }
        return columns;
    }

    public GenericRecord key(String id) {
        GenericRecord k = new GenericData.Record(key);
        k.put(keyColumn, id);
        return k;
    }

    /** A change: op is Debezium's code (r, c, u, d); columns not given are null. */
    public GenericRecord change(String op, long lsn, Map<String, Object> columns) {
        GenericRecord v = new GenericData.Record(value);
        new LinkedHashMap<>(columns).forEach(v::put);
        v.put("__op", op);
        v.put("__lsn", lsn);
        v.put("__source_ts_ms", 1_790_000_000_000L + lsn);
        v.put("__deleted", String.valueOf(op.equals("d")));
        return v;
    }
}

package org.commercecore.platform.cdc;

import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.platform.tracing.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the change rows of one write-side table into domain records: the anti-corruption layer
 * between PostgreSQL's rows and the contracts on Kafka.
 *
 * <p>Debezium delivers at least once: after a connector or worker restart, or a reset of its
 * offsets, rows are sent again. {@link #oncePerRow} remembers which rows (by their {@code id}
 * column) it has published, in a state store committed with the output, so each row becomes a
 * domain record exactly once whatever Debezium re-sends. A row's change events all carry its
 * primary key as their Kafka key, so they reach the same task and the same store.
 *
 * <p>A row the mapping cannot read throws {@link MalformedRowException}; the Streams runner
 * dead-letters it with the reason and the table and row named.
 */
public final class ChangeIntake<V> implements Processor<GenericRecord, GenericRecord, String, V> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeIntake.class);

    /** What a row becomes: nothing (empty), a record, or a tombstone (a key with a null value). */
    @FunctionalInterface
    public interface Mapping<V> {
        Optional<KeyValue<String, V>> apply(ChangeRow row);
    }

    private final String table;
    private final Mapping<V> mapping;
    private final String seenStore;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, Long> seen;

    private ChangeIntake(String table, Mapping<V> mapping, String seenStore) {
        this.table = table;
        this.mapping = mapping;
        this.seenStore = seenStore;
    }

    /** Every change of a row is published (for tables of current state, whose consumers keep the latest). */
    public static <V> ProcessorSupplier<GenericRecord, GenericRecord, String, V> everyChange(String table, Mapping<V> mapping) {
        return () -> new ChangeIntake<>(table, mapping, null);
    }

    /** Each row is published once, the first time the mapping yields a record for it (tables of facts). */
    public static <V> ProcessorSupplier<GenericRecord, GenericRecord, String, V> oncePerRow(String table, String seenStore,
            Mapping<V> mapping) {
        return () -> new ChangeIntake<>(table, mapping, seenStore);
    }

    /** The store {@link #oncePerRow} needs: row id to the LSN of the change that was published. */
    public static StoreBuilder<KeyValueStore<String, Long>> seenRowsStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        if (seenStore != null) {
            this.seen = context.getStateStore(seenStore);
        }
    }

    @Override
    public void process(Record<GenericRecord, GenericRecord> record) {
        Optional<ChangeRow> change = ChangeRow.of(record.value());
        if (change.isEmpty()) {
            return;
        }
        ChangeRow row = change.get();
        String rowId = row.has("id") ? row.optionalString("id").orElse("(null id)") : "(no id column)";
        Optional<KeyValue<String, V>> out;
        try {
            out = mapping.apply(row);
        } catch (MalformedRowException e) {
            throw e.in(table, rowId);
        }
        if (out.isEmpty()) {
            return;
        }
        if (seen != null) {
            Long publishedAt = seen.get(rowId);
            if (publishedAt != null) {
                LOG.debug("{} row {} was published from LSN {}; dropping the re-sent change at LSN {}", table, rowId,
                        publishedAt, row.lsn());
                return;
            }
            seen.put(rowId, row.lsn());
        }
        // Debezium's headers describe the source row, not the domain record: they are not carried over. The
        // trace of the request that wrote the row is: the record is sent inside a span that continues it.
        Record<String, V> domainRecord = new Record<>(out.get().key, out.get().value, record.timestamp());
        Optional<String> traceparent = row.has(TraceContext.TRACEPARENT_COLUMN)
                ? row.optionalString(TraceContext.TRACEPARENT_COLUMN) : Optional.empty();
        TraceContext.continueIn(table + " intake", traceparent, () -> context.forward(domainRecord));
    }
}

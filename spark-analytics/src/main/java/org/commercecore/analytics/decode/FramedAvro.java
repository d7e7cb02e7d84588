package org.commercecore.analytics.decode;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.functions;

/**
 * Decodes Confluent-framed Avro values read from Kafka, whatever mix of writer schemas a topic
 * holds: the records are grouped by the schema id in their frame, each group is decoded by
 * {@code from_avro} with its own writer schema, and a topic-specific projection turns each group's
 * struct into the same flat columns so the groups can be unioned.
 *
 * <p>A record that cannot be decoded (no frame, an id the registry does not know, a body that does
 * not match its writer schema) never fails the job: it goes to {@link Decoded#undecodable()} with
 * its topic, partition, offset and the reason.
 */
public final class FramedAvro {
    /** The column holding a group's decoded struct, as the projection receives it. */
    public static final String EVENT = "event";
    static final String SCHEMA_ID = "schema_id";

    private static final Map<String, String> FROM_AVRO_OPTIONS = Map.of(
            // a body that does not decode becomes null instead of failing the task
            "mode", "PERMISSIVE",
            // union branches named after their record (member_OrderPlaced), not their position, so a
            // branch added by a newer schema version cannot shift the others
            "enableStableIdentifiersForUnionType", "true");

    private final WriterSchemas schemas;

    public FramedAvro(WriterSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * @param records Kafka rows: at least {@code topic, partition, offset, value}
     * @param subject the topic's value subject ({@code <topic>-value}), whose newest schema shapes
     *     the result when no record can be decoded
     * @param projection turns a frame holding {@value #EVENT} (one writer schema's struct) and the
     *     Kafka columns into the flat columns every schema version must yield
     */
    public Decoded decode(Dataset<Row> records, String subject, UnaryOperator<Dataset<Row>> projection) {
        Dataset<Row> framed = records.withColumn(SCHEMA_ID, schemaId(col("value"))).cache();
        List<Integer> ids = framed.where(col(SCHEMA_ID).isNotNull()).select(SCHEMA_ID).distinct()
                .orderBy(SCHEMA_ID).as(org.apache.spark.sql.Encoders.INT()).collectAsList();

        List<Dataset<Row>> undecodable = new ArrayList<>();
        undecodable.add(reasons(framed.where(col(SCHEMA_ID).isNull()), lit("not a Confluent Avro frame")));
        Dataset<Row> decoded = null;
        // a frame may name a schema of another topic (a misrouted producer): it would decode, then break the projection
        Optional<String> expected = schemas.latest(subject).map(FramedAvro::recordName);
        for (int id : ids) {
            Dataset<Row> group = framed.where(col(SCHEMA_ID).equalTo(id));
            Optional<String> writer = schemas.json(id);
            if (writer.isEmpty()) {
                undecodable.add(reasons(group, lit("the schema registry holds no schema with id " + id)));
                continue;
            }
            String writerName = recordName(writer.get());
            if (expected.isPresent() && !expected.get().equals(writerName)) {
                undecodable.add(reasons(group, lit("writer schema " + id + " is " + writerName + ", not the topic's "
                        + expected.get())));
                continue;
            }
            Dataset<Row> withEvent = group.withColumn(EVENT,
                    functions.from_avro(expr("substring(value, " + (WireFrame.HEADER_SIZE + 1) + ")"), writer.get(),
                            FROM_AVRO_OPTIONS));
            Column failed = failedToDecode(col(EVENT));
            undecodable.add(reasons(withEvent.where(failed), lit("the body does not decode with writer schema " + id)));
            Dataset<Row> flat = projection.apply(withEvent.where(not(failed)));
            decoded = decoded == null ? flat : decoded.unionByName(flat);
        }
        if (decoded == null) {
            decoded = projection.apply(withSchema(framed.limit(0), subject));
        }
        Dataset<Row> bad = undecodable.stream().reduce(Dataset::unionByName).orElseThrow();
        return new Decoded(decoded, bad);
    }

    private static String recordName(String schemaJson) {
        return new Schema.Parser().parse(schemaJson).getFullName();
    }

    /** No record to decode: the subject's newest schema gives the (empty) result its columns. */
    private Dataset<Row> withSchema(Dataset<Row> none, String subject) {
        String latest = schemas.latest(subject).orElseThrow(() -> new IllegalStateException("nothing to decode and the"
                + " schema registry holds no schema for subject " + subject + ", so the job cannot tell its columns"));
        return none.withColumn(EVENT, functions.from_avro(col("value"), latest, FROM_AVRO_OPTIONS));
    }

    /** The id in a frame (bytes 2 to 5, big-endian), or null when the value is not a frame. */
    static Column schemaId(Column value) {
        Column framed = value.isNotNull()
                .and(length(value).gt(WireFrame.HEADER_SIZE))
                .and(hex(expr("substring(value, 1, 1)")).equalTo("00"));
        // as a long first: under ANSI mode an id above Integer.MAX_VALUE (no registry hands one out) would fail the cast
        Column id = conv(hex(expr("substring(value, 2, 4)")), 16, 10).cast("long");
        return when(framed.and(id.leq(Integer.MAX_VALUE)), id.cast("int"));
    }

    /**
     * PERMISSIVE {@code from_avro} turns a body it cannot read into a struct whose every field is
     * null; no record a producer wrote is that (an Avro record has at least one field, and our
     * envelopes' fields are required), and JSON without nulls shows it as an empty object.
     */
    static Column failedToDecode(Column event) {
        return event.isNull().or(to_json(event).equalTo("{}"));
    }

    private static Dataset<Row> reasons(Dataset<Row> rows, Column reason) {
        return rows.select(col("topic"), col("partition"), col("offset"), reason.as("reason"));
    }

    /**
     * The decoded rows (empty, with the newest schema's columns, when nothing decoded) and the records that could
     * not be decoded: {@code topic, partition, offset, reason}.
     */
    public record Decoded(Dataset<Row> rows, Dataset<Row> undecodable) {
    }
}

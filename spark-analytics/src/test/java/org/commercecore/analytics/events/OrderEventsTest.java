package org.commercecore.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.Row;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.decode.FramedAvro;
import org.commercecore.analytics.decode.WireFrame;
import org.commercecore.analytics.decode.WriterSchemas;
import org.commercecore.analytics.fixtures.FramedRecords;
import org.commercecore.analytics.fixtures.ReleasedSchemas;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private static final Schema V1 = ReleasedSchemas.load("org.commercecore.schemas.orders.OrderEvent", 1);
    private static final Schema V2 = ReleasedSchemas.load("org.commercecore.schemas.orders.OrderEvent", 2);
    private static final Map<Integer, String> REGISTRY = Map.of(11, V1.toString(), 12, V2.toString());

    @Test
    void decodesBothSchemaVersionsOfOneTopicAndReportsWhatItCannotDecode() {
        FramedRecords records = new FramedRecords(OrderEvents.TOPIC)
                .add(11, placed(V1, "o-1", "EUR", 2, 1250))
                .add(12, statusChanged(V2, "o-1", "PLACED", "REJECTED", "OUT_OF_STOCK"))
                .add(12, refused(V2, "o-1"))
                .addRaw("not avro at all".getBytes(StandardCharsets.UTF_8))
                .add(99, placed(V1, "o-2", "USD", 1, 100))
                .addRaw(WireFrame.frame(11, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));

        WriterSchemas registry = new WriterSchemas() {
            @Override
            public Optional<String> json(int id) {
                return Optional.ofNullable(REGISTRY.get(id));
            }

            @Override
            public Optional<String> latest(String subject) {
                return Optional.of(V2.toString());
            }
        };
        FramedAvro.Decoded decoded = new FramedAvro(registry)
                .decode(records.toDataset(LocalSpark.session()), OrderEvents.TOPIC + "-value", OrderEvents::flatten);

        List<Row> rows = decoded.rows().orderBy("offset").collectAsList();
        assertThat(rows).extracting(r -> r.getAs("offset"), r -> r.getAs("order_id"), r -> r.getAs("kind"))
                .containsExactly(tuple(0L, "o-1", OrderEvents.PLACED), tuple(1L, "o-1", OrderEvents.STATUS_CHANGED),
                        tuple(2L, "o-1", OrderEvents.OTHER));
        Row placed = rows.get(0);
        assertThat((String) placed.getAs("currency")).isEqualTo("EUR");
        assertThat((Long) placed.getAs("total_minor")).isEqualTo(2500L);
        Row changed = rows.get(1);
        assertThat((String) changed.getAs("to_status")).isEqualTo("REJECTED");
        assertThat((String) changed.getAs("reason_code")).isEqualTo("OUT_OF_STOCK");

        assertThat(decoded.undecodable().orderBy("offset").collectAsList())
                .extracting(r -> r.getAs("topic"), r -> r.getAs("partition"), r -> r.getAs("offset"), r -> r.getAs("reason"))
                .containsExactly(
                        tuple(OrderEvents.TOPIC, 0, 3L, "not a Confluent Avro frame"),
                        tuple(OrderEvents.TOPIC, 0, 4L, "the schema registry holds no schema with id 99"),
                        tuple(OrderEvents.TOPIC, 0, 5L, "the body does not decode with writer schema 11"));
    }

    static GenericRecord placed(Schema schema, String orderId, String currency, int quantity, long unitPrice) {
        Schema placedSchema = branch(schema, "OrderPlaced");
        Schema lineSchema = placedSchema.getField("lines").schema().getElementType();
        GenericRecord line = new GenericRecordBuilder(lineSchema)
                .set("line_no", 1).set("sku", "SKU-1").set("quantity", quantity).set("unit_price_minor", unitPrice).build();
        GenericRecord payload = new GenericRecordBuilder(placedSchema)
                .set("customer_id", "c-1").set("lines", List.of(line)).set("total_minor", quantity * unitPrice)
                .set("currency", currency).set("placed_at", 1_764_633_600_000L).build();
        return envelope(schema, orderId, payload);
    }

    static GenericRecord statusChanged(Schema schema, String orderId, String from, String to, String reason) {
        Schema changedSchema = branch(schema, "OrderStatusChanged");
        Schema status = changedSchema.getField("from_status").schema();
        Schema reasonSchema = changedSchema.getField("reason_code").schema().getTypes().get(1);
        GenericRecordBuilder payload = new GenericRecordBuilder(changedSchema)
                .set("from_status", new GenericData.EnumSymbol(status, from))
                .set("to_status", new GenericData.EnumSymbol(status, to))
                .set("reason_code", reason == null ? null : new GenericData.EnumSymbol(reasonSchema, reason));
        if (changedSchema.getField("reason") != null) {
            payload.set("reason", reason == null ? null : "no stock");
        }
        return envelope(schema, orderId, payload.build());
    }

    static GenericRecord refused(Schema schema, String orderId) {
        Schema refusedSchema = branch(schema, "OrderTransitionRefused");
        GenericRecord payload = new GenericRecordBuilder(refusedSchema)
                .set("attempted", "SHIP")
                .set("current_status", new GenericData.EnumSymbol(refusedSchema.getField("current_status").schema(), "REJECTED"))
                .set("reason", "a rejected order cannot be shipped").set("source_event_id", UUID.randomUUID().toString())
                .build();
        return envelope(schema, orderId, payload);
    }

    private static GenericRecord envelope(Schema schema, String orderId, GenericRecord payload) {
        return new GenericRecordBuilder(schema)
                .set("event_id", UUID.randomUUID().toString()).set("occurred_at", 1_764_633_600_000L)
                .set("order_id", orderId).set("correlation_id", orderId).set("customer_id", "c-1")
                .set("payload", payload).build();
    }

    private static Schema branch(Schema envelope, String name) {
        return envelope.getField("payload").schema().getTypes().stream()
                .filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }
}

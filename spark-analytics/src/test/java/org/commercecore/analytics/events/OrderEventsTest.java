package org.commercecore.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.spark.sql.Row;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.decode.FramedAvro;
import org.commercecore.analytics.decode.WireFrame;
import org.commercecore.analytics.decode.WriterSchemas;
import org.commercecore.analytics.fixtures.FramedRecords;
import org.commercecore.analytics.fixtures.Events;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private static final Schema V1 = Events.ORDER_V1;
    private static final Schema V2 = Events.ORDER_V2;
    private static final Schema V3 = Events.ORDER_V3;
    private static final Instant AT = Instant.parse("2025-12-02T00:00:00Z");
    private static final Map<Integer, String> REGISTRY = Map.of(11, V1.toString(), 12, V2.toString());

    @Test
    void decodesBothSchemaVersionsOfOneTopicAndReportsWhatItCannotDecode() {
        FramedRecords records = new FramedRecords(OrderEvents.TOPIC)
                .add(11, Events.placed(V1, "o-1", "c-1", "EUR", AT, new Events.Line("SKU-1", 2, 1250)))
                .add(12, Events.statusChanged(V2, "o-1", "PLACED", "REJECTED", "OUT_OF_STOCK", AT))
                .add(12, Events.refused(V2, "o-1", AT))
                .addRaw("not avro at all".getBytes(StandardCharsets.UTF_8))
                .add(99, Events.placed(V1, "o-2", "c-2", "USD", AT, new Events.Line("SKU-1", 1, 100)))
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

    @Test
    void aTimeoutRejectionOfTheThirdVersionDecodesBesideTheSecondVersionsRejections() {
        Map<Integer, String> ids = Map.of(12, V2.toString(), 13, V3.toString());
        FramedRecords records = new FramedRecords(OrderEvents.TOPIC)
                .add(12, Events.statusChanged(V2, "o-1", "PLACED", "REJECTED", "OUT_OF_STOCK", AT))
                .add(13, Events.statusChanged(V3, "o-2", "PLACED", "REJECTED", "TIMEOUT", AT));
        WriterSchemas registry = new WriterSchemas() {
            @Override
            public Optional<String> json(int id) {
                return Optional.ofNullable(ids.get(id));
            }

            @Override
            public Optional<String> latest(String subject) {
                return Optional.of(V3.toString());
            }
        };

        FramedAvro.Decoded decoded = new FramedAvro(registry)
                .decode(records.toDataset(LocalSpark.session()), OrderEvents.TOPIC + "-value", OrderEvents::flatten);

        assertThat(decoded.rows().orderBy("offset").collectAsList()).extracting(r -> r.getAs("order_id"), r -> r.getAs("reason_code"))
                .containsExactly(tuple("o-1", "OUT_OF_STOCK"), tuple("o-2", "TIMEOUT"));
        assertThat(decoded.undecodable().count()).isZero();
    }
}

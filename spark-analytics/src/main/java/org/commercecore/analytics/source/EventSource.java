package org.commercecore.analytics.source;

import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.commercecore.analytics.decode.FramedAvro;

/**
 * One topic's events as flat rows, read from Kafka and decoded with the registry's writer schemas;
 * the records that could not be decoded kept apart. Both results are cached: every job looks at
 * them more than once (a count for the progress line, then the figures).
 */
public final class EventSource {
    private final KafkaSource kafka;
    private final FramedAvro avro;

    public EventSource(KafkaSource kafka, FramedAvro avro) {
        this.kafka = kafka;
        this.avro = avro;
    }

    public Events between(String topic, Instant from, Instant to, UnaryOperator<Dataset<Row>> projection) {
        return decode(topic, kafka.between(topic, from, to), projection);
    }

    public Events from(String topic, Map<Integer, Long> nextOffsets, UnaryOperator<Dataset<Row>> projection) {
        return decode(topic, kafka.from(topic, nextOffsets), projection);
    }

    private Events decode(String topic, Dataset<Row> records, UnaryOperator<Dataset<Row>> projection) {
        Dataset<Row> read = records.select("topic", "partition", "offset", "value").persist(StorageLevel.MEMORY_AND_DISK());
        FramedAvro.Decoded decoded = avro.decode(read, topic + "-value", projection);
        return new Events(read, decoded.rows().persist(StorageLevel.MEMORY_AND_DISK()),
                decoded.undecodable().persist(StorageLevel.MEMORY_AND_DISK()));
    }

    /**
     * @param records the Kafka records read ({@code topic, partition, offset, value})
     * @param rows the decoded events
     * @param undecodable {@code topic, partition, offset, reason}
     */
    public record Events(Dataset<Row> records, Dataset<Row> rows, Dataset<Row> undecodable) {
        public String summary() {
            long bad = undecodable.count();
            return rows.count() + " events" + (bad == 0 ? "" : ", " + bad + " undecodable");
        }
    }
}

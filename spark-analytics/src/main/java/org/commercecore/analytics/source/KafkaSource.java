package org.commercecore.analytics.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Batch reads of commerce-core's topics, as Kafka rows ({@code topic, partition, offset,
 * timestamp, value}, the value still framed). Only committed records are read: every topology
 * writes its topics in transactions, and an aborted one's records were never events.
 */
public final class KafkaSource {
    private static final long EARLIEST = -2;
    private final SparkSession spark;
    private final String bootstrapServers;
    private final Map<String, String> clientOptions;

    /**
     * @param clientOptions extra Kafka client settings (security, for one), without the
     *     {@code kafka.} prefix Spark wants
     */
    public KafkaSource(SparkSession spark, String bootstrapServers, Map<String, String> clientOptions) {
        this.spark = spark;
        this.bootstrapServers = bootstrapServers;
        this.clientOptions = Map.copyOf(clientOptions);
    }

    /**
     * The records of {@code topic} whose Kafka timestamp lies in {@code [from, to)}. The start is
     * an offset found by timestamp (every record before it is older than {@code from}); the end
     * is not: a transaction's commit marker carries the time it was written, and Kafka's lookup by
     * timestamp counts it, so records written today with older timestamps (a backfill, a
     * reprocessing) would end such a read at their first marker. The read runs to the topic's end
     * and keeps the records stamped before {@code to}.
     */
    public Dataset<Row> between(String topic, Instant from, Instant to) {
        return reader(topic)
                .option("startingTimestamp", Long.toString(from.toEpochMilli()))
                // a partition with nothing at or after `from` is read from its end, i.e. not at all
                .option("startingOffsetsByTimestampStrategy", "latest")
                .option("endingOffsets", "latest")
                .load()
                .where(col("timestamp").lt(timestamp_millis(lit(to.toEpochMilli()))));
    }

    /**
     * The records of {@code topic} from the given next offsets (partitions not named: from their
     * start) up to its end as it is when the read is planned.
     */
    public Dataset<Row> from(String topic, Map<Integer, Long> nextOffsets) {
        return reader(topic)
                .option("startingOffsets", offsetsJson(topic, withEveryPartition(topic, nextOffsets)))
                .option("endingOffsets", "latest")
                .load();
    }

    /**
     * Spark wants a starting offset for every partition once one is given: a partition added since
     * the offsets were recorded starts at its beginning (-2, Spark's "earliest").
     */
    private Map<Integer, Long> withEveryPartition(String topic, Map<Integer, Long> nextOffsets) {
        Map<String, Object> config = new HashMap<>(clientOptions);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<Integer, Long> all = new TreeMap<>();
        try (Admin admin = Admin.create(config)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(1, TimeUnit.MINUTES).get(topic);
            description.partitions().forEach(p -> all.put(p.partition(), nextOffsets.getOrDefault(p.partition(), EARLIEST)));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the partitions of " + topic + " at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the partitions of " + topic, e);
        }
        return all;
    }

    private DataFrameReader reader(String topic) {
        Map<String, String> options = new LinkedHashMap<>();
        clientOptions.forEach((k, v) -> options.put("kafka." + k, v));
        options.put("kafka.bootstrap.servers", bootstrapServers);
        options.put("kafka.isolation.level", "read_committed");
        options.put("subscribe", topic);
        // a transaction's commit marker takes an offset no record has: a gap there is not lost data
        options.put("failOnDataLoss", "false");
        options.put("includeHeaders", "false");
        return spark.read().format("kafka").options(options);
    }

    private static String offsetsJson(String topic, Map<Integer, Long> nextOffsets) {
        return nextOffsets.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{\"" + topic + "\":{", "}}"));
    }
}

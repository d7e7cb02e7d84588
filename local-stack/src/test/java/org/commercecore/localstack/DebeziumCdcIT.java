package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.serde.AvroSerdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proof (b): a row inserted, updated and deleted in the real PostgreSQL arrives as Debezium change
 * events (Avro, Confluent wire format, through the registry) on a Kafka topic, via a connector
 * registered through the Connect REST API.
 */
@ExtendWith(LocalStackExtension.class)
class DebeziumCdcIT {
    private static final String CONNECTOR = "cdc-probe";
    private static final String TOPIC = "cdcprobe.public.cdc_probe";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void insertUpdateAndDeleteArriveAsChangeEvents(StackAddresses stack) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(),
                stack.postgresPassword()); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE cdc_probe (id bigint PRIMARY KEY, name text NOT NULL, price numeric(12,2) NOT NULL)");
            sql.execute("ALTER TABLE cdc_probe REPLICA IDENTITY FULL");

            HttpResponse<String> put = putConnector(stack);
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(connectorAndTaskRunning(stack)).isTrue());

            sql.execute("INSERT INTO cdc_probe VALUES (1, 'kettle', 24.90)");
            sql.execute("UPDATE cdc_probe SET price = 19.90 WHERE id = 1");
            sql.execute("DELETE FROM cdc_probe WHERE id = 1");
        }

        List<ConsumerRecord<GenericRecord, GenericRecord>> events = consume(stack, 4, Duration.ofSeconds(60));
        assertThat(events).hasSize(4);
        assertThat(events).allSatisfy(e -> assertThat(e.key().get("id")).isEqualTo(1L));

        GenericRecord created = events.get(0).value();
        assertThat(created.get("op").toString()).isEqualTo("c");
        assertThat(((GenericRecord) created.get("after")).get("name").toString()).isEqualTo("kettle");
        assertThat(((GenericRecord) created.get("after")).get("price").toString()).isEqualTo("24.90");

        GenericRecord updated = events.get(1).value();
        assertThat(updated.get("op").toString()).isEqualTo("u");
        assertThat(((GenericRecord) updated.get("before")).get("price").toString()).isEqualTo("24.90");
        assertThat(((GenericRecord) updated.get("after")).get("price").toString()).isEqualTo("19.90");

        GenericRecord deleted = events.get(2).value();
        assertThat(deleted.get("op").toString()).isEqualTo("d");
        assertThat(((GenericRecord) deleted.get("before")).get("name").toString()).isEqualTo("kettle");
        assertThat(deleted.get("after")).isNull();

        assertThat(events.get(3).value()).as("tombstone after the delete, so compaction can drop the key").isNull();

        HttpResponse<String> removed = http.send(stack.connectRequest("/connectors/" + CONNECTOR)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> putConnector(StackAddresses stack) throws Exception {
        // Apicurio's converter speaks its native API; the records it writes are Confluent wire format
        String registry = stack.registryUrl() + "/apis/registry/v2";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.hostname", stack.postgresHost());
        config.put("database.port", String.valueOf(stack.postgresPort()));
        config.put("database.user", stack.postgresUser());
        config.put("database.password", stack.postgresPassword());
        config.put("database.dbname", stack.postgresDatabase());
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", "cdc_probe");
        config.put("slot.drop.on.stop", "true"); // a probe: leave no replication slot holding WAL behind
        config.put("publication.name", "cdc_probe");
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", "public.cdc_probe");
        config.put("topic.prefix", "cdcprobe");
        config.put("snapshot.mode", "initial");
        config.put("decimal.handling.mode", "string");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        for (String side : List.of("key", "value")) {
            config.put(side + ".converter", "io.apicurio.registry.utils.converter.AvroConverter");
            config.put(side + ".converter.apicurio.registry.url", registry);
            config.put(side + ".converter.apicurio.registry.auto-register", "true");
            config.put(side + ".converter.apicurio.registry.as-confluent", "true");
            config.put(side + ".converter.apicurio.registry.use-id", "contentId");
            config.put(side + ".converter.apicurio.registry.headers.enabled", "false");
        }
        HttpRequest request = stack.connectRequest("/connectors/" + CONNECTOR + "/config")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(config)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private boolean connectorAndTaskRunning(StackAddresses stack) throws Exception {
        HttpResponse<String> status = http.send(stack.connectRequest("/connectors/" + CONNECTOR + "/status").build(),
                HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() != 200) {
            return false;
        }
        JsonNode body = json.readTree(status.body());
        JsonNode tasks = body.path("tasks");
        assertThat(tasks.toString()).doesNotContain("FAILED");
        return "RUNNING".equals(body.path("connector").path("state").asText())
                && tasks.size() == 1 && "RUNNING".equals(tasks.get(0).path("state").asText());
    }

    private static List<ConsumerRecord<GenericRecord, GenericRecord>> consume(StackAddresses stack, int count, Duration timeout) {
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        var keys = serdes.generic(true).deserializer();
        var values = serdes.generic(false).deserializer();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cdc-probe-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the topic appears only when Connect writes the first change: notice it quickly
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        List<ConsumerRecord<GenericRecord, GenericRecord>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, keys, values)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                if (consumer.subscription().isEmpty()) {
                    consumer.subscribe(List.of(TOPIC));
                }
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        return received;
    }
}

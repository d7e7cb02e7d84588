package org.commercecore.analytics.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.analytics.fixtures.Events;
import org.commercecore.analytics.fixtures.KnownSales;

/**
 * Writes fixture records to the real topics as the topologies do: in a Kafka transaction, framed
 * with the id the real registry gives each writer schema. OrderEvent v1 is registered under a
 * subject of its own, as an older producer's schema still in the registry would be.
 */
public final class Topics {
    private final String bootstrap;
    private final URI registry;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Schema, Integer> ids = new HashMap<>();

    public Topics(InfrastructureProcess stack) {
        this.bootstrap = stack.get("COMMERCE_KAFKA_BOOTSTRAP_SERVERS");
        this.registry = URI.create(stack.get("COMMERCE_REGISTRY_URL").replaceAll("/+$", "") + "/apis/ccompat/v7/");
    }

    public void write(List<KnownSales.Record> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "analytics-it-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (KnownSales.Record r : records) {
                producer.send(new ProducerRecord<>(r.topic(), null, r.at().toEpochMilli(), r.key(), r.value(this::id)));
            }
            producer.commitTransaction();
        }
    }

    private int id(Schema schema) {
        return ids.computeIfAbsent(schema, s -> register(subject(s), s));
    }

    private static String subject(Schema schema) {
        if (schema == Events.ORDER_V1) {
            return "analytics-it-order-event-v1-value";
        }
        String topic = switch (schema.getFullName()) {
            case "org.commercecore.schemas.orders.OrderEvent" -> "orders.events.v1";
            case "org.commercecore.schemas.payments.PaymentEvent" -> "payments.events.v1";
            case "org.commercecore.schemas.inventory.InventoryEvent" -> "inventory.events.v1";
            default -> throw new IllegalArgumentException(schema.getFullName());
        };
        return topic + "-value";
    }

    private int register(String subject, Schema schema) {
        try {
            HttpRequest request = HttpRequest.newBuilder(registry.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                            + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("schema", schema.toString()))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering " + subject + ": " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body()).path("id").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

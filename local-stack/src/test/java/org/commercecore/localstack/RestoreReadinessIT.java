package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.TopicSchemas;
import org.commercecore.platform.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Streams app started as its main starts it (StreamsService) on an empty state directory, with
 * a store whose changelog already holds many records: while it restores them, /health/ready
 * answers 503 and names the restoration; once restored, 200.
 */
@ExtendWith(LocalStackExtension.class)
class RestoreReadinessIT {
    private static final String STORE = "probe-store";
    /** Enough that restoring takes a good while longer than the test's polls are apart. */
    private static final int CHANGELOG_RECORDS = 500_000;

    static Topology table(String input) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(input, Consumed.with(Serdes.String(), Serdes.String()), Materialized.as(STORE));
        return builder.build();
    }

    @Test
    void readinessIsFalseWhileTheStoreIsRestoredAndTrueOnceItIs(StackAddresses stack) throws Exception {
        String app = "restore-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String input = app + ".input";
        String changelog = app + "-" + STORE + "-changelog";
        // the runner checks the dead-letter schema is registered, as the stack registers it for its own apps
        TopicSchemas.registerAll(new RegistryClient(stack.registryUrl()), List.of(Topics.deadLetter(app)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1),
                    new NewTopic(changelog, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        }
        // the changelog as an earlier instance left it: the new one has no local state and must restore all of it
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < CHANGELOG_RECORDS; i++) {
                producer.send(new ProducerRecord<>(changelog, "sku-" + i, "stock " + i));
            }
            producer.flush();
        }

        int port = FreePorts.one();
        StreamsAppConfig config = StreamsAppConfigs.forTest(app).bootstrap(stack.kafkaBootstrapServers()).registry(stack.registryUrl())
                .stateDir(Path.of("target", "streams-state", app)).httpPort(port).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> whileRestoring = new ArrayList<>();
        try (Service service = new Service(app)) {
            Metrics metrics = new Metrics(app);
            StreamsService.start(service, config, metrics, meters -> table(input), List.of(), Map.of());
            // every answer until the first 200 is looked at, 10 ms apart, so the restoration cannot slip between polls
            HttpResponse<String> answer = await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        HttpResponse<String> seen = http.send(ready, HttpResponse.BodyHandlers.ofString());
                        JsonNode state = json.readTree(seen.body()).path("checks").path("state");
                        if (seen.statusCode() == 503 && !state.path("up").asBoolean(true)) {
                            whileRestoring.add(state);
                        }
                        return seen;
                    }, seen -> seen.statusCode() == 200);

            System.out.printf("readiness named the restoration in %d answers, 10 ms apart%n", whileRestoring.size());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(whileRestoring).as("answers naming the restoration").isNotEmpty()
                    .allSatisfy(state -> assertThat(state.path("detail").asText()).matches("1 store partition\\(s\\) restoring, \\d+ record\\(s\\) to go"));
            assertThat(metrics.registry().get("commerce.streams.restore.records").tag("store", STORE).counter().count())
                    .isEqualTo(CHANGELOG_RECORDS);
            assertThat(metrics.registry().get("commerce.streams.restore.remaining").gauge().value()).isZero();
        }
    }
}

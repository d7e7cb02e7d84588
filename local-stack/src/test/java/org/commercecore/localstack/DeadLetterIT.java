package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.OpsServer;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.ConsumerGroupLag;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.SerdeSpec;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.TopicSchemas;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.commercecore.schemas.orders.OrderEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proof (c): a record that cannot be decoded, and one whose processing throws, each go to the
 * app's dead-letter topic with the reason and their original bytes; the Streams app stays RUNNING
 * and processes the next good record.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterIT {
    private static final String APP = "dlq-probe";
    /** The test's own input, with the real OrderEvent contract, so no garbage lands on a domain topic. */
    private static final Topic<String, OrderEvent> INPUT = new Topic<>("dlq-probe.orders.v1", SerdeSpec.string(),
            SerdeSpec.avro(OrderEvent.class), 1, Map.of());
    private static final String OUTPUT = "dlq-probe.order-ids";
    private static final String POISON_CUSTOMER = "poison";
    /** A consumer group of the test's own, left behind on purpose, whose lag is measured. */
    private static final String LAG_PROBE = "dlq-probe-lag-" + UUID.randomUUID();

    /** A pass-through topology: order event in, order id out; a "poison" customer makes it throw. */
    static Topology orderIds(AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT.name(), INPUT.consumed(serdes))
                .mapValues(event -> {
                    if (POISON_CUSTOMER.equals(event.getCustomerId())) {
                        throw new IllegalStateException("cannot process orders of customer " + event.getCustomerId());
                    }
                    return event.getOrderId();
                })
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void badRecordsAreDeadLetteredAndTheStreamKeepsRunning(StackAddresses stack) throws Exception {
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        prepareTopics(stack);
        StreamsAppConfig config = StreamsAppConfigs.forTest(APP).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(Path.of("target", "streams-state")).build();

        try (Metrics metrics = new Metrics(APP);
             StreamsRunner runner = new StreamsRunner(config, orderIds(serdes), metrics.registry()).start();
             Admin admin = admin(stack);
             ConsumerGroupLag lag = ConsumerGroupLag.start(admin, LAG_PROBE, metrics.registry(), Duration.ofMillis(300));
             OpsServer ops = OpsServer.start(new OpsEndpoints(metrics)
                     .liveWhen("streams", HealthChecks.streamsAlive(runner.streams()))
                     .readyWhen("streams", HealthChecks.streamsRunning(runner.streams()))
                     .readyWhen("kafka", HealthChecks.kafka(admin))
                     .readyWhen("schema-registry", HealthChecks.schemaRegistry(stack.registryUrl())), "127.0.0.1", 0)) {
            metrics.bind(runner.streams());
            assertThat(runner.awaitRunning(Duration.ofSeconds(60))).isTrue();

            byte[] garbage = "{\"order_id\": \"not avro at all\"}".getBytes(StandardCharsets.UTF_8);
            String badKey = "bad-" + UUID.randomUUID();
            RecordMetadata undecodable = sendRaw(stack, badKey, garbage);

            String poisonId = "poison-" + UUID.randomUUID();
            OrderEvent poison = Samples.orderPlaced(poisonId);
            poison.setCustomerId(POISON_CUSTOMER);
            byte[] poisonBytes = INPUT.valueSerde(serdes).serializer().serialize(INPUT.name(), poison);
            RecordMetadata failing = sendRaw(stack, poisonId, poisonBytes);

            String goodId = "good-" + UUID.randomUUID();
            sendRaw(stack, goodId, INPUT.valueSerde(serdes).serializer()
                    .serialize(INPUT.name(), Samples.orderPlaced(goodId)));

            Serde<DeadLetter> letters = Topics.deadLetter(APP).valueSerde(serdes);
            List<DeadLetter> dead = new ArrayList<>();
            List<String> out = new ArrayList<>();
            try (var dlq = consumer(stack, Topics.deadLetter(APP).name());
                 var output = new KafkaConsumer<>(consumerConfig(stack), new StringDeserializer(), new StringDeserializer())) {
                output.subscribe(List.of(OUTPUT));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    dlq.poll(Duration.ofMillis(200)).forEach(r -> dead.add(letters.deserializer().deserialize(r.topic(), r.value())));
                    output.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                    assertThat(out).contains(goodId);
                    assertThat(dead).extracting(DeadLetter::getStage)
                            .contains(DeadLetterStage.DESERIALIZATION, DeadLetterStage.PROCESSING);
                });
            }

            DeadLetter undecoded = dead.stream().filter(d -> d.getStage() == DeadLetterStage.DESERIALIZATION).findFirst().orElseThrow();
            assertThat(undecoded.getApplicationId()).isEqualTo(APP);
            assertThat(undecoded.getOriginalTopic()).isEqualTo(INPUT.name());
            assertThat(undecoded.getOriginalPartition()).isEqualTo(undecodable.partition());
            assertThat(undecoded.getOriginalOffset()).isEqualTo(undecodable.offset());
            assertThat(bytes(undecoded.getValue())).isEqualTo(garbage);
            assertThat(bytes(undecoded.getKey())).isEqualTo(badKey.getBytes(StandardCharsets.UTF_8));
            assertThat(undecoded.getErrorMessage()).isNotBlank();

            DeadLetter failed = dead.stream().filter(d -> d.getStage() == DeadLetterStage.PROCESSING).findFirst().orElseThrow();
            assertThat(failed.getOriginalOffset()).isEqualTo(failing.offset());
            assertThat(failed.getErrorMessage()).contains("cannot process orders of customer poison");
            assertThat(bytes(failed.getValue())).isEqualTo(poisonBytes);

            assertThat(out).doesNotContain(poisonId);
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.RUNNING);

            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + ops.port());
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String scrape = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scrape).contains("kafka_stream_").contains("jvm_memory_used_bytes");
            assertThat(scrape).containsPattern("(?m)^commerce_streams_dead_letters_total\\{[^}]*stage=\"deserialization\"[^}]*} 1(\\.0)?$")
                    .containsPattern("(?m)^commerce_streams_dead_letters_total\\{[^}]*stage=\"processing\"[^}]*} 1(\\.0)?$");

            // a group two records behind on the input, as the broker sees its committed offset
            TopicPartition input = new TopicPartition(INPUT.name(), 0);
            long end = admin.listOffsets(Map.of(input, OffsetSpec.latest())).partitionResult(input).get().offset();
            try (var behind = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, LAG_PROBE), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                behind.commitSync(Map.of(input, new OffsetAndMetadata(end - 2)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> lag.lag(INPUT.name()) == 2);
            assertThat(metrics.registry().get("commerce.consumer.lag").tags("group", LAG_PROBE, "topic", INPUT.name()).gauge().value())
                    .isEqualTo(2);
        }
    }

    private static void prepareTopics(StackAddresses stack) throws Exception {
        TopicSchemas.registerAll(new RegistryClient(stack.registryUrl()), List.of(Topics.deadLetter(APP), INPUT));
        try (Admin admin = admin(stack)) {
            new TopicProvisioner(admin, 1, 1).ensure(List.of(INPUT));
            if (!admin.listTopics().names().get().contains(OUTPUT)) {
                admin.createTopics(List.of(new NewTopic(OUTPUT, 1, (short) 1))).all().get();
            }
        }
    }

    private static RecordMetadata sendRaw(StackAddresses stack, String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(INPUT.name(),
                    key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(StackAddresses stack, String topic) {
        var consumer = new KafkaConsumer<>(consumerConfig(stack), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<String, Object> consumerConfig(StackAddresses stack) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static Admin admin(StackAddresses stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}

package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.KafkaBroker;
import org.commercecore.localstack.parts.KafkaCluster;
import org.commercecore.platform.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * {@code local-stack/run --brokers 3}: three brokers, each a process of its own; every topic the
 * stack creates (its own, Connect's, and Kafka's internal ones) has three replicas and needs two
 * in sync; with one broker killed, transactional writes with acks=all still succeed and nothing
 * written is lost; the broker restarted on its data rejoins and catches up.
 */
class ThreeBrokerStackIT {

    @Test
    void everyTopicHasThreeReplicasAndTheStackLosesNothingWhenABrokerDies() throws Exception {
        Path runDir = Path.of("target", "three-broker-stack").toAbsolutePath();
        StackSettings settings = StackSettings.embedded(StackSettings.findHome(), runDir, FreePorts.block(6), FreePorts.one(),
                FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one()).withBrokers(3);

        try (LocalStack stack = LocalStack.start(settings, LocalStack.defaultTopics());
             Admin admin = admin(stack.addresses().kafkaBootstrapServers())) {
            KafkaCluster cluster = stack.kafkaCluster().orElseThrow();
            assertThat(cluster.brokers()).extracting(KafkaBroker::name).containsExactly("kafka-1", "kafka-2", "kafka-3");
            assertThat(cluster.brokers()).extracting(b -> b.process().orElseThrow().pid()).doesNotHaveDuplicates()
                    .doesNotContain(ProcessHandle.current().pid());

            String topic = "three-brokers.probe.v1";
            List<String> written = new ArrayList<>(write(stack, topic, "before", 50));
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            assertThat(names).as("Kafka's internal topics and Connect's exist by now")
                    .contains("__consumer_offsets", "__transaction_state", "connect.configs", "connect.offsets", "connect.status")
                    .containsAll(Topics.domain().stream().map(t -> t.name()).toList());
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).allSatisfy(p ->
                    assertThat(p.replicas()).as("replicas of %s-%d", t.name(), p.partition()).hasSize(3)));
            for (String name : names) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
                assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value())
                        .as("min.insync.replicas of %s", name).isEqualTo("2");
            }

            KafkaBroker lost = cluster.brokers().get(1);
            lost.kill();
            written.addAll(write(stack, topic, "one-broker-down", 50));
            assertThat(readCommitted(stack, topic, written.size())).as("every acknowledged record, once")
                    .containsExactlyInAnyOrderElementsOf(written);

            lost.restart();
            cluster.awaitNodes(3, Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(underReplicated(admin)).isZero());
        }
    }

    /** {@code count} records in one transaction with acks=all; their values. */
    private static List<String> write(LocalStack stack, String topic, String label, int count) throws Exception {
        try (Admin admin = admin(stack.addresses().kafkaBootstrapServers())) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 2, (short) 3))).all().get();
            }
        }
        List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "three-brokers-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                String value = label + "-" + i;
                producer.send(new ProducerRecord<>(topic, String.valueOf(i), value));
                values.add(value);
            }
            producer.commitTransaction();
        }
        return values;
    }

    private static List<String> readCommitted(LocalStack stack, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
            // anything more would be a duplicate: one more poll finds none
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static long underReplicated(Admin admin) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return admin.describeTopics(names).allTopicNames().get().values().stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.isr().size() < p.replicas().size()).count();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}

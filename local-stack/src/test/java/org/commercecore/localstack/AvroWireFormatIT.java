package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.registry.IncompatibleSchemaException;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proof (a): the platform serde writes the Confluent wire format against the real registry. */
@ExtendWith(LocalStackExtension.class)
class AvroWireFormatIT {

    @Test
    void aRecordIsInConfluentWireFormatItsIdResolvesAndItReadsBackEqual(StackAddresses stack) throws Exception {
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        String orderId = "order-" + UUID.randomUUID();
        OrderEvent sent = Samples.orderPlaced(orderId);

        var serde = Topics.ORDER_EVENTS.valueSerde(serdes);
        long offset;
        int partition;
        try (var producer = new KafkaProducer<>(producerConfig(stack), new StringSerializer(), serde.serializer())) {
            var metadata = producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), orderId, sent)).get();
            offset = metadata.offset();
            partition = metadata.partition();
        }

        byte[] raw = readOne(stack, Topics.ORDER_EVENTS.name(), partition, offset);
        ByteBuffer frame = ByteBuffer.wrap(raw);
        assertThat(frame.get()).as("magic byte").isEqualTo((byte) 0);
        int schemaId = frame.getInt();

        Schema registered = new RegistryClient(stack.registryUrl()).schemaById(schemaId);
        assertThat(registered).isEqualTo(OrderEvent.getClassSchema());

        Deserializer<OrderEvent> deserializer = serde.deserializer();
        OrderEvent received = deserializer.deserialize(Topics.ORDER_EVENTS.name(), raw);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409(StackAddresses stack) {
        RegistryClient registrar = new RegistryClient(stack.registryUrl());
        Schema current = OrderEvent.getClassSchema();
        // a new required field without a default: a new reader cannot read the events already written
        List<Schema.Field> fields = new java.util.ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("sales_channel", SchemaBuilder.builder().stringType(), "where the order came from"));
        Schema breaking = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

        assertThatThrownBy(() -> registrar.register(Topics.ORDER_EVENTS.valueSubject(), breaking))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(Topics.ORDER_EVENTS.valueSubject());
        assertThat(registrar.isCompatibleWithLatest(Topics.ORDER_EVENTS.valueSubject(), breaking)).isFalse();
        assertThat(registrar.isCompatibleWithLatest(Topics.ORDER_EVENTS.valueSubject(), current)).isTrue();
    }

    @Test
    void aSerializerRefusesASchemaNobodyRegistered(StackAddresses stack) {
        // apps run with auto-registration off: writing to a subject with no registered schema must fail, not register
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        var serializer = Topics.ORDER_EVENTS.valueSerde(serdes).serializer();
        assertThatThrownBy(() -> serializer.serialize("unregistered.topic.v1", Samples.orderPlaced("o-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject unregistered.topic.v1-value");
    }

    private static Map<String, Object> producerConfig(StackAddresses stack) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    static byte[] readOne(StackAddresses stack, String topic, int partition, long offset) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("record " + topic + "-" + partition + "@" + offset + " not read within 30 s");
    }
}

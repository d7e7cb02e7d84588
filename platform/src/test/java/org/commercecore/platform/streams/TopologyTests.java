package org.commercecore.platform.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.commercecore.platform.registry.InMemorySchemaRegistry;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicSchemas;
import org.commercecore.platform.topics.Topics;

/**
 * Test fixture: what every TopologyTestDriver test sets up. The topology runs with the app's
 * production Streams configuration and production serdes over an in-memory registry holding every
 * contract, so dead-letter handlers and serdes behave as they do in production.
 */
public final class TopologyTests {
    private TopologyTests() {
    }

    /** Registers every shared contract in the in-memory registry at {@code mock://...} and returns serdes over it. */
    public static AvroSerdes serdes(URI registry) {
        TopicSchemas.registerAll(InMemorySchemaRegistry.scope(registry), Topics.shared());
        return AvroSerdes.forRegistry(registry);
    }

    /** The app's dead-letter schema is registered too, as the local stack does before an app starts. */
    public static TopologyTestDriver driver(String applicationId, URI registry, Path state, Topology topology) {
        TopicSchemas.registerAll(InMemorySchemaRegistry.scope(registry), List.of(Topics.deadLetter(applicationId)));
        StreamsAppConfig config = new StreamsAppConfig(applicationId, "unused:9092", registry, state, Duration.ofMillis(100), 1, 0, 1, 0);
        return new TopologyTestDriver(topology, StreamsRunner.properties(config));
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic, AvroSerdes serdes) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic, AvroSerdes serdes) {
        return driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(), topic.valueSerde(serdes).deserializer());
    }
}

package org.commercecore.platform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 *
 * <p>Each fixture has a registry scope of its own, forgotten on {@link #close()}, so no test sees
 * schemas or ids another test registered.
 */
public final class TopologyTests implements AutoCloseable {
    private static final AtomicInteger SCOPES = new AtomicInteger();

    private final URI registry;
    private final AvroSerdes serdes;
    private final TopologyTestDriver driver;
    private final MeterRegistry meters;

    private TopologyTests(URI registry, AvroSerdes serdes, TopologyTestDriver driver, MeterRegistry meters) {
        this.registry = registry;
        this.serdes = serdes;
        this.driver = driver;
        this.meters = meters;
    }

    /**
     * Drives the app's topology, which is given the fixture's serdes to build with.
     *
     * @param state a directory of the test's own (JUnit's {@code @TempDir}): the driver keeps its stores there
     */
    /**
     * The names of the topics a topology reads and writes, besides its own internal (repartition)
     * topics: each must be in the app's list of topics it creates or checks at start, or a missing
     * or mis-partitioned one goes unnoticed until records are lost to the wrong task.
     */
    public static java.util.Set<String> externalTopics(Topology topology) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (var subtopology : topology.describe().subtopologies()) {
            for (var node : subtopology.nodes()) {
                if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source) {
                    names.addAll(source.topicSet());
                } else if (node instanceof org.apache.kafka.streams.TopologyDescription.Sink sink && sink.topic() != null) {
                    names.add(sink.topic());
                }
            }
        }
        names.removeIf(name -> name.endsWith("-repartition"));
        return names;
    }

    public static TopologyTests start(String applicationId, Path state, Function<AvroSerdes, Topology> topology) {
        return start(applicationId, state, topology, Instant.now());
    }

    /** As above, with the driver's wall clock (what processors read as the system time) starting at {@code wallClock}. */
    public static TopologyTests start(String applicationId, Path state, Function<AvroSerdes, Topology> topology,
                                      Instant wallClock) {
        URI registry = URI.create("mock://topology-tests-" + SCOPES.incrementAndGet());
        // the shared contracts, and the app's dead-letter schema, as the local stack registers them before an app starts
        TopicSchemas.registerAll(InMemorySchemaRegistry.scope(registry), Topics.shared());
        TopicSchemas.registerAll(InMemorySchemaRegistry.scope(registry), List.of(Topics.deadLetter(applicationId)));
        AvroSerdes serdes = AvroSerdes.forRegistry(registry);
        StreamsAppConfig config = StreamsAppConfigs.forTest(applicationId)
                .bootstrap("unused:9092") // TopologyTestDriver never connects
                .registry(registry).stateDir(state).build();
        Properties properties = StreamsRunner.properties(config);
        MeterRegistry meters = new SimpleMeterRegistry();
        properties.put(DeadLetters.METER_REGISTRY_CONFIG, meters);
        return new TopologyTests(registry, serdes, new TopologyTestDriver(topology.apply(serdes), properties, wallClock), meters);
    }

    public <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(), topic.valueSerde(serdes).serializer());
    }

    /** Input whose values are bytes as given, for records the topic's serde cannot decode. */
    public <K> TestInputTopic<K, byte[]> rawValueInput(Topic<K, ?> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde(serdes).serializer(), new ByteArraySerializer());
    }

    public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde(serdes).deserializer(), topic.valueSerde(serdes).deserializer());
    }

    /** For state stores and wall-clock time. */
    /** Where the dead-letter handlers count (the topology's own meters are the test's to give it). */
    public MeterRegistry deadLetterMeters() {
        return meters;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** The in-memory registry's URL, for fixtures that register schemas of their own (ChangeRows). */
    public URI registry() {
        return registry;
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.drop(registry);
    }
}

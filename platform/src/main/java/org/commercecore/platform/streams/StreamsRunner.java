package org.commercecore.platform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Topology the way every commerce-core app must: exactly-once v2, state under the
 * configured directory, undecodable and failing records sent to the dead-letter topic, dying
 * threads replaced (within limits), and a clean close.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsAppConfig config;
    private final KafkaStreams streams;
    private final RestoreProgress restore;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean hasRun;

    public StreamsRunner(StreamsAppConfig config, Topology topology) {
        this(config, topology, null, new SimpleMeterRegistry());
    }

    /** An instance whose dead letters and restorations are counted in {@code meters}. */
    public StreamsRunner(StreamsAppConfig config, Topology topology, MeterRegistry meters) {
        this(config, topology, null, meters);
    }

    /**
     * An instance that serves interactive queries: {@code applicationServer} ({@code host:port}) is
     * where the other instances reach it, published to them through the group's metadata.
     */
    public StreamsRunner(StreamsAppConfig config, Topology topology, String applicationServer, MeterRegistry meters) {
        this.config = config;
        Properties properties = properties(config);
        if (applicationServer != null) {
            properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        properties.put(DeadLetters.METER_REGISTRY_CONFIG, meters);
        this.streams = new KafkaStreams(topology, properties);
        this.restore = new RestoreProgress(meters);
        streams.setGlobalStateRestoreListener(restore);
        streams.setUncaughtExceptionHandler(UncaughtErrorPolicy.standard());
        streams.setStateListener((next, previous) -> {
            LOG.info("{} state {} -> {}", config.applicationId(), previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
            if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** The Kafka Streams configuration for an app; public so tests and tools see exactly what runs. */
    public static Properties properties(StreamsAppConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve(config.applicationId()).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(DeadLetters.REGISTRY_URL_CONFIG, config.registryUrl().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams adds each thread's index to it
        config.instanceId().ifPresent(id -> p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        return p;
    }

    public String applicationId() {
        return config.applicationId();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Which stores are still being restored; a readiness condition. */
    public RestoreProgress restoreProgress() {
        return restore;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Checks the dead-letter topic, then starts processing. Stopping on SIGTERM is the
     * {@link org.commercecore.platform.service.ServiceRunner}'s job, in its order.
     */
    public StreamsRunner start() {
        prepareDeadLetterTopic();
        streams.start();
        return this;
    }

    /**
     * The dead-letter topic is created if missing, and its schema must already be registered:
     * without both, the first bad record would kill the stream instead of being set aside.
     */
    private void prepareDeadLetterTopic() {
        Topic<byte[], DeadLetter> deadLetters = Topics.deadLetter(config.applicationId());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(admin, config.replicationFactor(), config.topicPartitions()).ensure(List.of(deadLetters));
        }
        Schema schema = deadLetters.value().avroSchema().orElseThrow();
        if (new RegistryClient(config.registryUrl()).lookup(deadLetters.valueSubject(), schema).isEmpty()) {
            throw new IllegalStateException("the dead-letter schema is not registered under " + deadLetters.valueSubject()
                    + "; register the app's schemas before it starts (the local stack does so for the apps it knows)");
        }
    }

    /**
     * Whether interactive queries can be answered: RUNNING, or rebalancing after having run. A
     * cooperative rebalance (an instance joining or leaving) keeps the stores it does not move
     * queryable, so an instance that already served stays in rotation while another restarts.
     */
    public boolean servesQueries() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || (hasRun && state == KafkaStreams.State.REBALANCING);
    }

    /** Waits until the instance reaches RUNNING; false if it did not within the timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (!s.isRunningOrRebalancing() && s != KafkaStreams.State.CREATED) {
                return false;
            }
            Thread.sleep(50);
        }
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Blocks the calling (main) thread until the streams stop, e.g. after SIGTERM. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        LOG.info("closing {}", config.applicationId());
        // a planned stop leaves the group at once: otherwise the group keeps waiting for this member
        // for the whole session timeout (45 s) before its tasks move and a restarted instance is let in
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        stopped.countDown();
    }
}

package org.commercecore.platform.streams;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;
import org.commercecore.platform.http.HealthCheck;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.OpsServer;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;

/**
 * What every Streams app's main does: make sure its topics exist, run its topology, serve health
 * and metrics, all through the {@link ServiceRunner}, which stops them in order on SIGTERM. If
 * Kafka Streams shuts down on its own (threads dying past the replacement limit) the process exits
 * non-zero, so whatever supervises it starts a new one.
 */
public final class StreamsService {
    private StreamsService() {
    }

    public static void run(StreamsAppConfig config, Topology topology, Collection<? extends Topic<?, ?>> topics)
            throws InterruptedException {
        ServiceRunner.run(config.applicationId(), service -> start(service, config, topology, topics));
    }

    /** Starts the app's parts into {@code service}; public so a test can run an app as its main would. */
    public static void start(Service service, StreamsAppConfig config, Topology topology,
                             Collection<? extends Topic<?, ?>> topics) {
        start(service, config, topology, topics, Map.of());
    }

    /** As above, with readiness conditions of the app's own besides the Streams ones (a worker beside the topology). */
    public static void start(Service service, StreamsAppConfig config, Topology topology,
                             Collection<? extends Topic<?, ?>> topics, Map<String, HealthCheck> alsoReadyWhen) {
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        Admin admin = service.add(Service.Stage.CLIENTS, "kafka admin client", Admin.create(kafka));
        new TopicProvisioner(admin, config.replicationFactor(), config.topicPartitions()).ensure(topics);
        StreamsRunner runner = service.add(Service.Stage.STREAMS, "kafka streams", new StreamsRunner(config, topology));
        Metrics metrics = service.add(Service.Stage.CLIENTS, "metrics", new Metrics(config.applicationId()).bind(runner.streams()));
        OpsEndpoints ops = new OpsEndpoints(metrics)
                .liveWhen("streams", HealthChecks.streamsAlive(runner.streams()))
                .readyWhen("service", service.notStopping())
                .readyWhen("streams", HealthChecks.streamsRunning(runner.streams()))
                .readyWhen("kafka", HealthChecks.kafka(admin))
                .readyWhen("schema-registry", HealthChecks.schemaRegistry(config.registryUrl()));
        alsoReadyWhen.forEach(ops::readyWhen);
        service.add(Service.Stage.HTTP, "ops http", OpsServer.start(ops, config.bindAddress(), config.httpPort()));
        runner.start();
        Thread watcher = new Thread(() -> {
            try {
                runner.awaitTermination();
                service.stopBecause("Kafka Streams stopped (state " + runner.state() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, config.applicationId() + "-streams-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}

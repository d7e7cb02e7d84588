package org.commercecore.platform.streams;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
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

    public static void run(StreamsAppConfig config, Function<MeterRegistry, Topology> topology,
                           Collection<? extends Topic<?, ?>> topics) throws InterruptedException {
        ServiceRunner.run(config.applicationId(), service -> start(service, config, new Metrics(config.applicationId()),
                topology, topics, Map.of()));
    }

    /**
     * Starts the app's parts into {@code service}; public so a test can run an app as its main
     * would. {@code topology} is built with the app's meters, where its processors count what they
     * decide. {@code alsoReadyWhen}: readiness conditions of the app's own besides the Streams
     * ones (a worker beside the topology).
     */
    public static void start(Service service, StreamsAppConfig config, Metrics metrics,
                             Function<MeterRegistry, Topology> topology, Collection<? extends Topic<?, ?>> topics,
                             Map<String, HealthCheck> alsoReadyWhen) {
        service.add(Service.Stage.CLIENTS, "metrics", metrics);
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        Admin admin = service.add(Service.Stage.CLIENTS, "kafka admin client", Admin.create(kafka));
        new TopicProvisioner(admin, config.replicationFactor(), config.topicPartitions()).ensure(topics);
        StreamsRunner runner = service.add(Service.Stage.STREAMS, "kafka streams",
                new StreamsRunner(config, topology.apply(metrics.registry()), metrics.registry()));
        metrics.bind(runner.streams());
        service.add(Service.Stage.CLIENTS, "consumer lag",
                ConsumerGroupLag.start(admin, config.applicationId(), metrics.registry(), ConsumerGroupLag.INTERVAL));
        OpsEndpoints ops = new OpsEndpoints(metrics)
                .liveWhen("streams", HealthChecks.streamsAlive(runner.streams()))
                .readyWhen("service", service.notStopping())
                .readyWhen("streams", HealthChecks.streamsRunning(runner.streams()))
                .readyWhen("state", runner.restoreProgress().restored())
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

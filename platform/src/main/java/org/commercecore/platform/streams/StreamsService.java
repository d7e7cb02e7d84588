package org.commercecore.platform.streams;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.OpsServer;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Streams app's main does, once: make sure its topics exist, run its topology, serve
 * health and metrics, and block until SIGTERM has closed the streams.
 */
public final class StreamsService {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private StreamsService() {
    }

    public static void run(StreamsAppConfig config, Topology topology, Collection<? extends Topic<?, ?>> topics)
            throws InterruptedException {
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(topics);
        }
        StreamsRunner runner = new StreamsRunner(config, topology);
        try (Metrics metrics = new Metrics(config.applicationId()).bind(runner.streams());
             Admin admin = Admin.create(kafka);
             OpsServer ops = OpsServer.start(new OpsEndpoints(metrics)
                     .liveWhen("streams", HealthChecks.streamsAlive(runner.streams()))
                     .readyWhen("streams", HealthChecks.streamsRunning(runner.streams()))
                     .readyWhen("kafka", HealthChecks.kafka(admin))
                     .readyWhen("schema-registry", HealthChecks.schemaRegistry(config.registryUrl())),
                     "0.0.0.0", config.httpPort())) {
            runner.start();
            LOG.info("{} started; health and metrics on port {}", config.applicationId(), ops.port());
            runner.awaitTermination();
        }
    }
}

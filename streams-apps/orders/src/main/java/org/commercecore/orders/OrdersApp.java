package org.commercecore.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.OpsServer;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the orders topology (order aggregate and fraud check). */
public final class OrdersApp {
    public static final String APPLICATION_ID = Topics.ORDERS_APPLICATION_ID;
    static final Setting<Integer> FRAUD_LIMIT_MINOR = Setting.integer("fraud.limit.minor",
            "most a customer may spend within the fraud window, in minor units", 1_000_000).requiring(n -> n > 0, "must be positive");
    static final Setting<Duration> FRAUD_WINDOW = Setting.duration("fraud.window",
            "the sliding window of the fraud spend limit", Duration.ofHours(24)).requiring(d -> !d.isZero(), "must not be zero");
    private static final Logger LOG = LoggerFactory.getLogger(OrdersApp.class);

    private OrdersApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        FraudLimits rule = new FraudLimits(source.get(FRAUD_LIMIT_MINOR), source.get(FRAUD_WINDOW));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(List.of(Topics.ORDER_EVENTS, Topics.ORDER_COMMANDS,
                    Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS));
        }
        StreamsRunner runner = new StreamsRunner(config, OrdersTopology.build(AvroSerdes.forRegistry(config.registryUrl()), rule));
        try (Metrics metrics = new Metrics(APPLICATION_ID);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
             OpsServer ops = OpsServer.start(new OpsEndpoints(metrics.bind(runner.streams()))
                     .liveWhen("streams", HealthChecks.streamsAlive(runner.streams()))
                     .readyWhen("streams", HealthChecks.streamsRunning(runner.streams()))
                     .readyWhen("kafka", HealthChecks.kafka(admin))
                     .readyWhen("schema-registry", HealthChecks.schemaRegistry(config.registryUrl())),
                     "0.0.0.0", config.httpPort())) {
            runner.start();
            LOG.info("{} started; health and metrics on port {}", APPLICATION_ID, ops.port());
            runner.awaitTermination();
        }
    }
}

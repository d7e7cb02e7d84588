package org.commercecore.payments;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.config.ConfigSource;
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

/** Runs the payments topology with the simulated provider (the default adapter of the PaymentProvider port). */
public final class PaymentsApp {
    public static final String APPLICATION_ID = Topics.PAYMENTS_APPLICATION_ID;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsApp.class);

    private PaymentsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(List.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS));
        }
        try (ProviderCalls calls = new ProviderCalls(new SimulatedPaymentProvider(PaymentsSettings.rules(source)),
                     source.get(PaymentsSettings.CONCURRENCY));
             Metrics metrics = new Metrics(APPLICATION_ID);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            StreamsRunner runner = new StreamsRunner(config, PaymentsTopology.build(AvroSerdes.forRegistry(config.registryUrl()), calls));
            try (OpsServer ops = OpsServer.start(new OpsEndpoints(metrics.bind(runner.streams()))
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
}

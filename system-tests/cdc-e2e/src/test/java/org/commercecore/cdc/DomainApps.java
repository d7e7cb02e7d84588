package org.commercecore.cdc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.commercecore.customers.CustomersApp;
import org.commercecore.customers.CustomersTopology;
import org.commercecore.inventory.InventoryApp;
import org.commercecore.inventory.InventoryTopology;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.orders.FraudLimits;
import org.commercecore.orders.OrdersApp;
import org.commercecore.orders.OrdersTopology;
import org.commercecore.payments.PaymentsApp;
import org.commercecore.payments.PaymentsTopology;
import org.commercecore.payments.ProviderCalls;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.streams.StreamsRunner;

/** The orders, inventory, payments and customers apps, running in this JVM against the test stack. */
final class DomainApps implements AutoCloseable {
    private final List<StreamsRunner> runners = new ArrayList<>();
    private final ProviderCalls calls;

    private DomainApps(ProviderCalls calls) {
        this.calls = calls;
    }

    static DomainApps start(StackAddresses stack) throws Exception {
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        Path state = Files.createTempDirectory("domain-apps-state");
        DomainApps apps = new DomainApps(new ProviderCalls(new SimulatedPaymentProvider(
                new SimulatedPaymentProvider.Rules(1_000_000, "declined-", Duration.ofMillis(1), 0.0)), 4));
        apps.start(stack, OrdersApp.APPLICATION_ID, state,
                // a deadline no slow test run reaches: the tests expect each order's outcome from its replies
                OrdersTopology.build(serdes, new FraudLimits(10_000_000, Duration.ofHours(1)), Duration.ofMinutes(10),
                        new SimpleMeterRegistry()));
        apps.start(stack, InventoryApp.APPLICATION_ID, state, InventoryTopology.build(serdes, new SimpleMeterRegistry()));
        apps.start(stack, PaymentsApp.APPLICATION_ID, state, PaymentsTopology.build(serdes, apps.calls, new SimpleMeterRegistry()));
        apps.start(stack, CustomersApp.APPLICATION_ID, state, CustomersTopology.build(serdes));
        for (StreamsRunner runner : apps.runners) {
            assertThat(runner.awaitRunning(Duration.ofSeconds(120))).as(runner.applicationId()).isTrue();
        }
        return apps;
    }

    private void start(StackAddresses stack, String applicationId, Path state, Topology topology) {
        StreamsAppConfig config = StreamsAppConfigs.forTest(applicationId).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(state.resolve(applicationId)).build();
        runners.add(new StreamsRunner(config, topology).start());
    }

    @Override
    public void close() {
        runners.forEach(StreamsRunner::close);
        calls.close(); // after the runners: a payments task still running must not find its executor gone
    }
}

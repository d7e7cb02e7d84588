package org.commercecore.payments;

import java.util.List;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topics;

/** Runs the payments topology with the simulated provider (the default adapter of the PaymentProvider port). */
public final class PaymentsApp {
    public static final String APPLICATION_ID = Topics.PAYMENTS_APPLICATION_ID;

    private PaymentsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        ServiceRunner.run(APPLICATION_ID, service -> {
            // closed after the streams: a task closing may still cancel its provider calls
            ProviderCalls calls = service.add(Service.Stage.CLIENTS, "payment provider calls",
                    new ProviderCalls(new SimulatedPaymentProvider(PaymentsSettings.rules(source)), source.get(PaymentsSettings.CONCURRENCY)));
            StreamsService.start(service, config, PaymentsTopology.build(AvroSerdes.forRegistry(config.registryUrl()), calls),
                    List.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS));
        });
    }
}

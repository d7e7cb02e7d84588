package org.commercecore.payments;

import java.util.List;
import java.util.Map;
import org.commercecore.platform.http.Metrics;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** Runs the payments topology with the simulated provider (the default adapter of the PaymentProvider port). */
public final class PaymentsApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-payments";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the topology reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS);

    private PaymentsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        ServiceRunner.run(APPLICATION_ID, service -> {
            // closed after the streams: a task closing may still cancel its provider calls
            ProviderCalls calls = service.add(Service.Stage.CLIENTS, "payment provider calls",
                    new ProviderCalls(new SimulatedPaymentProvider(PaymentsSettings.rules(source)), source.get(PaymentsSettings.CONCURRENCY)));
            StreamsService.start(service, config, new Metrics(APPLICATION_ID),
                    meters -> PaymentsTopology.build(AvroSerdes.forRegistry(config.registryUrl()), calls, meters), TOPICS, Map.of());
        });
    }
}

package org.commercecore.orders;

import java.time.Duration;
import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** Runs the orders topology (intake from the write side, order aggregate, fraud check, status view). */
public final class OrdersApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-orders";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the topology reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.ORDER_COMMANDS, Topics.ORDER_STATUS,
            Topics.ORDER_DAILY_TOTALS, Topics.INVENTORY_ORDER_EVENTS, Topics.PAYMENT_EVENTS, Topics.CDC_ORDERS,
            Topics.CDC_ORDER_COMMANDS);

    private OrdersApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        FraudLimits fraud = new FraudLimits(source.get(OrdersSettings.FRAUD_LIMIT_MINOR), source.get(OrdersSettings.FRAUD_WINDOW));
        Duration sagaDeadline = source.get(OrdersSettings.SAGA_DEADLINE);
        StreamsService.run(config, meters -> OrdersTopology.build(AvroSerdes.forRegistry(config.registryUrl()), fraud,
                sagaDeadline, meters), TOPICS);
    }
}

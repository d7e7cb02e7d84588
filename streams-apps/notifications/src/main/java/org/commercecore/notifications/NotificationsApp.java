package org.commercecore.notifications;

import java.util.List;
import org.commercecore.notifications.compose.Messages;
import org.commercecore.notifications.compose.NotificationsTopology;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** Runs the notification topology; configuration comes from COMMERCE_* variables (see docs/configuration.md). */
public final class NotificationsApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-notifications";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the topology reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.CUSTOMERS, Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS,
            Topics.INVENTORY_EVENTS, Topics.NOTIFICATIONS);

    private NotificationsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        StreamsService.run(config, NotificationsTopology.build(AvroSerdes.forRegistry(config.registryUrl()),
                NotificationsSettings.rules(source), new Messages(), APPLICATION_ID, DEAD_LETTERS), TOPICS);
    }
}

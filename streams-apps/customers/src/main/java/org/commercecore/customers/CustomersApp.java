package org.commercecore.customers;

import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** Runs the customers topology; configuration comes from COMMERCE_* variables (see docs/architecture.md). */
public final class CustomersApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-customers";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the topology reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.CDC_USERS, Topics.CUSTOMERS);

    private CustomersApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppConfig config = StreamsAppConfig.from(ConfigSource.fromEnvironment(), APPLICATION_ID);
        StreamsService.run(config, meters -> CustomersTopology.build(AvroSerdes.forRegistry(config.registryUrl())),
                TOPICS);
    }
}

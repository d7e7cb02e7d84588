package org.commercecore.inventory;

import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** Runs the inventory topology; configuration comes from COMMERCE_* variables (see docs/architecture.md). */
public final class InventoryApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-inventory";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the topology reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.STOCK_ADJUSTMENTS, Topics.INVENTORY_EVENTS,
            Topics.INVENTORY_ORDER_EVENTS, Topics.CDC_STOCK_ADJUSTMENTS, Topics.CDC_PRODUCTS);

    private InventoryApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppConfig config = StreamsAppConfig.from(ConfigSource.fromEnvironment(), APPLICATION_ID);
        StreamsService.run(config, meters -> InventoryTopology.build(AvroSerdes.forRegistry(config.registryUrl()), meters),
                TOPICS);
    }
}

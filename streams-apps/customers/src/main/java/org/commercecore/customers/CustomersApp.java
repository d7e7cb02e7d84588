package org.commercecore.customers;

import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.topics.Topics;

/** Runs the customers topology; configuration comes from COMMERCE_* variables (see docs/architecture.md). */
public final class CustomersApp {
    public static final String APPLICATION_ID = Topics.CUSTOMERS_APPLICATION_ID;

    private CustomersApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppConfig config = StreamsAppConfig.from(ConfigSource.fromEnvironment(), APPLICATION_ID);
        StreamsService.run(config, CustomersTopology.build(AvroSerdes.forRegistry(config.registryUrl())),
                List.of(Topics.CDC_USERS, Topics.CUSTOMERS));
    }
}

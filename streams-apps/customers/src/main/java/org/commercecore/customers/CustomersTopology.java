package org.commercecore.customers;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.commercecore.platform.cdc.ChangeIntake;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;

/**
 * The customers topology.
 * <pre>
 * cdc.public.users --user-intake--> customers.v1 (current profile per customer id; a delete is a tombstone)
 * </pre>
 * Every change is published: customers.v1 is a changelog whose consumers keep the latest value per
 * key, so a change Debezium sends twice is harmless (it carries the same event id both times).
 */
public final class CustomersTopology {
    private CustomersTopology() {
    }

    public static Topology build(AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CDC_USERS.name(), Topics.CDC_USERS.consumed(serdes))
                .process(ChangeIntake.everyChange("users", UserRows::customer), Named.as("user-intake"))
                .to(Topics.CUSTOMERS.name(), Topics.CUSTOMERS.produced(serdes));
        return builder.build();
    }
}

package org.commercecore.analytics.source;

import java.net.URI;
import java.util.Map;

/**
 * Where a job reads events: the Kafka cluster (with any extra client settings, e.g. security) and
 * the schema registry holding the writer schemas.
 */
public record Sources(String bootstrapServers, Map<String, String> kafkaOptions, URI registryUrl) {
    public Sources {
        kafkaOptions = Map.copyOf(kafkaOptions);
    }
}

package org.commercecore.platform.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;

/** Everything a Kafka Streams app needs to run, read once at start and validated. */
public record StreamsAppConfig(
        String applicationId,
        String bootstrapServers,
        URI registryUrl,
        Path stateDir,
        Duration commitInterval,
        int streamThreads,
        int standbyReplicas,
        int replicationFactor,
        int topicPartitions,
        String bindAddress,
        int httpPort) {

    public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("streams.standby.replicas",
            "standby replicas per state store (warm copies on other instances)", 0)
            .requiring(n -> n >= 0, "must not be negative");

    public static StreamsAppConfig from(ConfigSource source, String applicationId) {
        return new StreamsAppConfig(
                applicationId,
                source.get(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS),
                source.get(PlatformSettings.REGISTRY_URL),
                source.get(PlatformSettings.STATE_DIR),
                source.get(PlatformSettings.COMMIT_INTERVAL),
                source.get(PlatformSettings.STREAM_THREADS),
                source.get(STANDBY_REPLICAS),
                source.get(PlatformSettings.REPLICATION_FACTOR),
                source.get(PlatformSettings.TOPIC_PARTITIONS),
                source.get(PlatformSettings.BIND_ADDRESS),
                source.get(PlatformSettings.HTTP_PORT));
    }
}

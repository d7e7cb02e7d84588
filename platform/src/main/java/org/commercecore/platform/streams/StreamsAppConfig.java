package org.commercecore.platform.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
        int httpPort,
        Optional<String> instanceId) {

    public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("streams.standby.replicas",
            "standby replicas per state store (warm copies on other instances)", 0)
            .requiring(n -> n >= 0, "must not be negative");

    /**
     * Static group membership (KIP-345): an instance restarted under the same id takes its partitions
     * back at once, where a new member waits until the dead one's session times out (45 s seen for
     * every app killed in the fault matrix). The price: an instance that stops for good keeps its
     * partitions unprocessed for that session timeout, since a static member does not leave the group.
     */
    public static final Setting<String> INSTANCE_ID = Setting.string("streams.instance.id",
            "this instance's stable identity in its application's consumer group (static membership), unique per instance"
                    + " and the same across its restarts, e.g. the pod or host name; unset: a new member on every start", null);

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
                source.get(PlatformSettings.HTTP_PORT),
                source.lookup(INSTANCE_ID));
    }
}

package org.commercecore.platform.streams;

import java.util.List;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;

/** The settings every Kafka Streams app reads through {@link StreamsAppConfig#from}, for the catalogue of settings. */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS, PlatformSettings.REGISTRY_URL, PlatformSettings.STATE_DIR,
                PlatformSettings.COMMIT_INTERVAL, PlatformSettings.STREAM_THREADS, StreamsAppConfig.STANDBY_REPLICAS,
                PlatformSettings.REPLICATION_FACTOR, PlatformSettings.TOPIC_PARTITIONS, PlatformSettings.BIND_ADDRESS, PlatformSettings.HTTP_PORT,
                StreamsAppConfig.INSTANCE_ID);
    }
}

package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.junit.jupiter.api.Test;

class StackSettingsTest {
    private static StackSettings from(Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put(StackSettings.HOME.envName(), Path.of(".").toAbsolutePath().toString());
        return StackSettings.from(new ConfigSource(env, new Properties()), false, true);
    }

    @Test
    void aStackOnOneMachineUsesFewerPartitionsThanThePlatformDefault() {
        assertThat(from(Map.of()).topicPartitions()).isEqualTo(StackSettings.ONE_MACHINE_PARTITIONS);
        assertThat(StackSettings.ONE_MACHINE_PARTITIONS).isLessThan(PlatformSettings.TOPIC_PARTITIONS.devDefault().orElseThrow());
    }

    @Test
    void partitionsGivenExplicitlyAreUsedAsGiven() {
        assertThat(from(Map.of(PlatformSettings.TOPIC_PARTITIONS.envName(), "6")).topicPartitions()).isEqualTo(6);
    }
}

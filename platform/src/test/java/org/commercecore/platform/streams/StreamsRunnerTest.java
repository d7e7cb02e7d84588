package org.commercecore.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {

    @Test
    void everyAppRunsExactlyOnceWithDeadLetterHandlers() {
        StreamsAppConfig config = StreamsAppConfigs.forTest("commerce-test").bootstrap("127.0.0.1:9092")
                .registry(URI.create("http://127.0.0.1:8081")).stateDir(Path.of("/tmp/state")).streamThreads(2).standbyReplicas(1).build();
        Properties p = StreamsRunner.properties(config);
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(Path.of("/tmp/state/commerce-test").toString());
        assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterDeserializationHandler.class);
        assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterProcessingHandler.class);
        assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterProductionHandler.class);
        assertThat(p.get(DeadLetters.REGISTRY_URL_CONFIG)).isEqualTo("http://127.0.0.1:8081");
        assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        // the whole configuration must be accepted by Kafka Streams itself
        new StreamsConfig(p);
    }

    @Test
    void anInstanceGivenAnIdJoinsItsGroupAsAStaticMemberAndOneWithoutDoesNot() {
        StreamsAppConfig config = StreamsAppConfigs.forTest("commerce-test").bootstrap("127.0.0.1:9092")
                .registry(URI.create("http://127.0.0.1:8081")).stateDir(Path.of("/tmp/state")).build();
        String key = StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(StreamsRunner.properties(config)).doesNotContainKey(key);

        StreamsAppConfig named = new StreamsAppConfig(config.applicationId(), config.bootstrapServers(), config.registryUrl(),
                config.stateDir(), config.commitInterval(), config.streamThreads(), config.standbyReplicas(), config.replicationFactor(),
                config.topicPartitions(), config.bindAddress(), config.httpPort(), java.util.Optional.of("commerce-test-a"));
        assertThat(StreamsRunner.properties(named)).containsEntry(key, "commerce-test-a");
    }

    @Test
    void aDeadLetterReasonCarriesTheWholeCauseChain() {
        Exception e = new IllegalStateException("could not deserialize", new IllegalArgumentException("magic byte 7"));
        assertThat(DeadLetters.reason(e))
                .isEqualTo("IllegalStateException: could not deserialize <- caused by IllegalArgumentException: magic byte 7");
    }
}

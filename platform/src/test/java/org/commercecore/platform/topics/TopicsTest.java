package org.commercecore.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void domainTopicNamesFollowContextKindVersion() {
        for (Topic<?, ?> topic : Topics.domain()) {
            assertThat(topic.name()).matches("[a-z]+(\\.[a-z-]+)?\\.v[0-9]+");
        }
    }

    @Test
    void everyTopicIsDeclaredOnce() {
        Set<String> names = new HashSet<>();
        Topics.domain().forEach(t -> assertThat(names.add(t.name())).as("duplicate %s", t.name()).isTrue());
    }

    @Test
    void everyDomainValueIsAnAvroContractWithASchema() {
        for (Topic<?, ?> topic : Topics.domain()) {
            assertThat(topic.value().avroSchema()).as(topic.name()).isPresent();
            assertThat(topic.key().avroSchema()).as("%s keys are plain strings", topic.name()).isEmpty();
        }
    }

    @Test
    void eventTopicsKeepEveryEventAndStateTopicsAreCompacted() {
        assertThat(Topics.ORDER_EVENTS.config()).containsEntry("retention.ms", "-1");
        assertThat(Topics.CUSTOMERS.config()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void deadLetterTopicIsNamedAfterTheApplication() {
        var topic = Topics.deadLetter("commerce-orders");
        assertThat(topic.name()).isEqualTo("commerce-orders.dead-letter");
        assertThat(topic.valueSubject()).isEqualTo("commerce-orders.dead-letter-value");
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicNeedsAPartition() {
        assertThatThrownBy(() -> new Topic<>("x.v1", SerdeSpec.string(), SerdeSpec.string(), 0, java.util.Map.of()))
                .hasMessageContaining("x.v1");
    }

    @Test
    void keyedDomainAndCdcTopicsTakeTheDeploymentsPartitionCountAndDeadLettersKeepOne() {
        assertThat(Topics.ORDER_EVENTS.partitionsWhenScaledTo(12)).isEqualTo(12);
        assertThat(Topics.CDC_ORDERS.partitionsWhenScaledTo(12)).isEqualTo(12);
        assertThat(Topics.INVENTORY_ORDER_EVENTS.partitionsWhenScaledTo(12)).isEqualTo(12);
        assertThat(Topics.deadLetter("commerce-orders").partitionsWhenScaledTo(12)).isEqualTo(1);
        assertThat(Topics.ORDER_STATUS_SINK_DEAD_LETTERS.partitionsWhenScaledTo(12)).isEqualTo(1);
        assertThat(Topics.domain()).allSatisfy(t -> assertThat(t.scaled()).as(t.name()).isTrue());
        assertThat(Topics.cdc()).allSatisfy(t -> assertThat(t.scaled()).as(t.name()).isTrue());
    }
}

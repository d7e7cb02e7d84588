package org.commercecore.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsPerTopicTest {
    @Test
    void dividesEachTopicsGrowthByTheOrdersLargestFirstAndSkipsTopicsThatDidNotGrow() {
        Map<String, Long> before = Map.of("orders.events.v1", 1_000L, "inventory.events.v1", 500L, "idle", 7L);
        Map<String, Long> after = Map.of("orders.events.v1", 1_300L, "inventory.events.v1", 600L, "idle", 7L, "new-repartition", 50L);
        Map<String, Double> perOrder = RecordsPerTopic.perOrder(before, after, 100);
        assertThat(perOrder).containsExactly(Map.entry("orders.events.v1", 3.0), Map.entry("inventory.events.v1", 1.0),
                Map.entry("new-repartition", 0.5));
        assertThat(List.copyOf(perOrder.keySet())).doesNotContain("idle");
        assertThat(RecordsPerTopic.total(perOrder)).isEqualTo(4.5);
    }

    @Test
    void refusesZeroOrders() {
        assertThatThrownBy(() -> RecordsPerTopic.perOrder(Map.of(), Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuPerOrderIsTheGrowthInMillisecondsOverTheOrders() {
        Map<String, Double> perOrder = CpuMeter.perOrder(Map.of("kafka", Duration.ofMillis(1_000)),
                Map.of("kafka", Duration.ofMillis(3_000), "chain", Duration.ofMillis(500)), 1_000);
        assertThat(perOrder).containsEntry("kafka", 2.0).containsEntry("chain", 0.5);
    }
}

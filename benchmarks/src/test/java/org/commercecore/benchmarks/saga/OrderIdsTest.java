package org.commercecore.benchmarks.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderIdsTest {
    private final OrderIds ids = new OrderIds("be12ab34");

    @Test
    void makesIdsShapedAsUuids() {
        assertThat(UUID.fromString(ids.id(2, 4711)).toString()).isEqualTo(ids.id(2, 4711));
    }

    @Test
    void findsAnOrdersNumberAnywhereInARecordOfItsTrial() {
        byte[] value = ("\u0002\u0048SKU-1" + ids.id(3, 99) + "tail").getBytes(StandardCharsets.UTF_8);
        assertThat(ids.find(value, 3)).hasValue(99);
        assertThat(ids.find(value, 4)).isEmpty();
        assertThat(ids.find("nothing here".getBytes(StandardCharsets.UTF_8), 3)).isEmpty();
        assertThat(ids.find(null, 3)).isEmpty();
    }

    @Test
    void plansAboutNinetyPercentConfirmations() {
        long confirms = java.util.stream.IntStream.range(0, 1000).filter(i -> OrderMix.outcome(i) == OrderMix.Outcome.CONFIRM).count();
        assertThat(confirms).isEqualTo(900);
        assertThat(OrderMix.plan("t", 96).customerId()).startsWith(OrderMix.DECLINED_PREFIX);
        assertThat(OrderMix.expectedReason(98)).isNull();
        assertThat(OrderMix.expectedReason(198)).isEqualTo("FRAUD_SUSPECTED");
    }
}

package org.commercecore.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.serde.OtherBuilds;
import org.commercecore.schemas.ReleasedSchemas;
import org.junit.jupiter.api.Test;

/** The fraud window's bounded form against the rule it stands for: one entry per order, pruned before the window. */
class SpendWindowTest {
    private static final FraudLimits RULE = new FraudLimits(10_000, Duration.ofHours(1));
    private static final long BUCKET = SpendWindow.bucketWidth(RULE).toMillis();
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aCustomersValueHasAtMostAFixedNumberOfBucketsAndOrderIdsWhateverTheNumberOfOrders() {
        SpendWindow window = SpendWindow.of(RULE, null);
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int order = 0; order < 5_000; order++) {
            Instant at = T0.plusSeconds(order * 3L); // 5,000 orders over about four windows
            window.spendBefore(at);
            window.record("o-" + order, 1, at);
            window.seenAt(at.toEpochMilli());
            CustomerSpend stored = window.toStored();
            assertThat(stored.getBuckets()).hasSizeLessThanOrEqualTo(SpendWindow.BUCKETS + 1);
            assertThat(stored.getRecentOrders()).hasSizeLessThanOrEqualTo(SpendWindow.RECENT_ORDERS);
            if (order >= 1_500) { // a full window of buckets from here on
                int size = InternalSerdes.avro(CustomerSpend.class).serializer().serialize("t", stored).length;
                smallest = Math.min(smallest, size);
                largest = Math.max(largest, size);
            }
        }
        assertThat(largest).as("bytes of the value from the 1,500th order to the 5,000th").isLessThanOrEqualTo(smallest + 16)
                .isLessThan(1_024);
        assertThat(window.checked("o-4999")).isTrue();
        assertThat(window.checked("o-0")).as("long out of the window and of the recent ids").isFalse();
    }

    @Test
    void spendOlderThanTheWindowStopsCountingWithinOneBucket() {
        SpendWindow window = SpendWindow.of(RULE, null);
        window.record("o-1", 6_000, T0);

        Instant exactlyAWindowLater = T0.plus(RULE.window());
        assertThat(SpendWindow.of(RULE, window.toStored()).spendBefore(exactlyAWindowLater)).as("still in the window").isEqualTo(6_000);
        Instant pastWindowAndBucket = T0.plus(RULE.window()).plusMillis(BUCKET);
        assertThat(window.spendBefore(pastWindowAndBucket)).isZero();
        assertThat(window.toStored().getBuckets()).as("dropped, not only not counted").isEmpty();
    }

    /** Random placing times, in any order: never less than the per-order rule counts, and the value stays bounded. */
    @Test
    void neverCountsLessThanTheOneEntryPerOrderRuleAndStaysBounded() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 4 * 3_600)).ofSizeBetween(1, 200),
                integers().between(1, 5_000)).checkAssert((offsets, amount) -> {
            SpendWindow window = SpendWindow.of(RULE, null);
            List<long[]> perOrder = new ArrayList<>(); // the first release's list: {placed_at millis, amount}
            for (int i = 0; i < offsets.size(); i++) {
                Instant at = T0.plusSeconds(offsets.get(i));
                long since = at.minus(RULE.window()).toEpochMilli();
                perOrder.removeIf(e -> e[0] < since);
                long exact = perOrder.stream().mapToLong(e -> e[1]).sum();
                long counted = SpendWindow.of(RULE, window.toStored()).spendBefore(at);
                assertThat(counted).isGreaterThanOrEqualTo(exact);
                window.spendBefore(at);
                window.record("o-" + i, amount, at);
                perOrder.add(new long[] {at.toEpochMilli(), amount});
                assertThat(window.bucketCount()).isLessThanOrEqualTo(SpendWindow.BUCKETS + 1);
            }
        });
    }

    /** Placing times in order: at most one bucket's spend more than the per-order rule counts. */
    @Test
    void countsAtMostTheSpendOfTheBucketBeforeTheWindowMoreThanTheOneEntryPerOrderRule() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 900)).ofSizeBetween(1, 200),
                integers().between(1, 5_000)).checkAssert((gaps, amount) -> {
            SpendWindow window = SpendWindow.of(RULE, null);
            List<long[]> all = new ArrayList<>();
            Instant at = T0;
            for (int i = 0; i < gaps.size(); i++) {
                at = at.plusSeconds(gaps.get(i));
                long since = at.minus(RULE.window()).toEpochMilli();
                long exact = all.stream().filter(e -> e[0] >= since).mapToLong(e -> e[1]).sum();
                long slack = all.stream().filter(e -> e[0] < since && e[0] >= since - BUCKET).mapToLong(e -> e[1]).sum();
                long counted = window.spendBefore(at);
                assertThat(counted).isBetween(exact, exact + slack);
                window.record("o-" + i, amount, at);
                all.add(new long[] {at.toEpochMilli(), amount});
            }
        });
    }

    @Test
    void aWindowTheFirstReleaseStoredOnePerOrderIsReadAndMovedIntoBuckets() {
        Schema released = ReleasedSchemas.of(CustomerSpend.getClassSchema().getFullName(), getClass().getClassLoader()).get(0);
        Schema spend = released.getField("orders").schema().getElementType();
        List<GenericRecord> orders = List.of(
                new GenericRecordBuilder(spend).set("order_id", "o-1").set("amount_minor", 6_000L).set("placed_at", T0.toEpochMilli()).build(),
                new GenericRecordBuilder(spend).set("order_id", "o-2").set("amount_minor", 0L)
                        .set("placed_at", T0.plusSeconds(60).toEpochMilli()).build());
        byte[] bytes = OtherBuilds.write(released, new GenericRecordBuilder(released)
                .set("orders", new GenericData.Array<>(released.getField("orders").schema(), orders)).build());

        CustomerSpend read = InternalSerdes.avro(CustomerSpend.class).deserializer().deserialize("fraud-customer-spend-changelog", bytes);
        SpendWindow window = SpendWindow.of(RULE, read);

        assertThat(window.checked("o-1")).isTrue();
        assertThat(window.checked("o-2")).as("a failed order is remembered too").isTrue();
        assertThat(window.spendBefore(T0.plusSeconds(120))).isEqualTo(6_000);
        assertThat(window.toStored().getOrders()).as("written in the new form only").isEmpty();
        assertThat(SpendWindow.expired(RULE, read, T0.plus(RULE.window().multipliedBy(2)).toEpochMilli()))
                .as("the legacy entries' newest time decides expiry").isFalse();
    }

    @Test
    void aCustomerExpiresTwoWindowsAfterTheNewestOrder() {
        SpendWindow window = SpendWindow.of(RULE, null);
        window.record("o-1", 100, T0);
        window.record("o-2", 100, T0.plusSeconds(600));
        window.record("o-0", 100, T0.minusSeconds(600)); // out of order: the newest time stays
        window.seenAt(T0.plusSeconds(900).toEpochMilli()); // its record timestamp, later than its placing time
        CustomerSpend stored = window.toStored();
        long twoWindowsAfterNewest = T0.plusSeconds(900).plus(RULE.window().multipliedBy(2)).toEpochMilli();

        assertThat(SpendWindow.expired(RULE, stored, twoWindowsAfterNewest)).isFalse();
        assertThat(SpendWindow.expired(RULE, stored, twoWindowsAfterNewest + 1)).isTrue();

        SpendWindow placedLate = SpendWindow.of(RULE, null);
        placedLate.record("o-9", 100, T0.plusSeconds(1_800)); // placed after its record timestamp
        placedLate.seenAt(T0.toEpochMilli());
        assertThat(SpendWindow.expired(RULE, placedLate.toStored(), twoWindowsAfterNewest + 1))
                .as("kept until two windows after its spend's bucket too").isFalse();
    }
}

package org.commercecore.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.FraudVerdict;
import org.commercecore.platform.serde.InternalSerdes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fraud check's sweep, one punctuation at a time: incremental, wrapping round, removing only idle customers. */
class FraudCheckSweepTest {
    private static final FraudLimits RULE = new FraudLimits(10_000, Duration.ofHours(1));
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final MockProcessorContext<String, FraudVerdict> context = new MockProcessorContext<>();
    private KeyValueStore<String, CustomerSpend> store;

    @BeforeEach
    void start() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OrdersTopology.FRAUD_STORE), Serdes.String(),
                InternalSerdes.avro(CustomerSpend.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        new FraudCheck(RULE, 2).init(context);
    }

    @Test
    void sweepsOnStreamTimeABatchAtATimeAndRemovesOnlyCustomersIdleForTwoWindows() {
        MockProcessorContext.CapturedPunctuator sweep = context.scheduledPunctuators().get(0);
        assertThat(sweep.getType()).isEqualTo(PunctuationType.STREAM_TIME);
        assertThat(sweep.getInterval()).isEqualTo(FraudCheck.sweepInterval(RULE));
        for (String idle : List.of("c-1", "c-3", "c-5")) {
            store.put(idle, spentAt(T0));
        }
        for (String active : List.of("c-2", "c-4")) {
            store.put(active, spentAt(T0.plus(RULE.window())));
        }
        long bucket = SpendWindow.bucketWidth(RULE).toMillis();
        long now = T0.plus(RULE.window().multipliedBy(2)).toEpochMilli() + bucket + 1; // past the idle ones' bucket by two windows

        sweep.getPunctuator().punctuate(now); // c-1, c-2
        assertThat(customers()).containsExactly("c-2", "c-3", "c-4", "c-5");
        sweep.getPunctuator().punctuate(now); // c-3, c-4
        assertThat(customers()).containsExactly("c-2", "c-4", "c-5");
        sweep.getPunctuator().punctuate(now); // c-5, then round again
        assertThat(customers()).containsExactly("c-2", "c-4");

        store.put("c-0", spentAt(T0));
        sweep.getPunctuator().punctuate(now); // from the first key again
        assertThat(customers()).containsExactly("c-2", "c-4");
        long later = T0.plus(RULE.window().multipliedBy(3)).toEpochMilli() + bucket + 1;
        sweep.getPunctuator().punctuate(later);
        sweep.getPunctuator().punctuate(later);
        assertThat(customers()).as("two windows after their newest order, the active ones go too").isEmpty();
    }

    private static CustomerSpend spentAt(Instant at) {
        SpendWindow window = SpendWindow.of(RULE, null);
        window.record("o-" + at.toEpochMilli(), 100, at);
        window.seenAt(at.toEpochMilli());
        return window.toStored();
    }

    private List<String> customers() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, CustomerSpend> all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    @Test
    void aSweepReadsEnoughCustomersToPassOverTheWholeStoreWithinOneWindow() {
        FraudLimits rule = new FraudLimits(1_000, Duration.ofHours(24)); // sweeps every minute: 1,440 per window
        FraudCheck check = new FraudCheck(rule, 1_000);
        assertThat(check.batchFor(10)).isEqualTo(1_000);
        assertThat(check.batchFor(1_440_000)).isEqualTo(1_000);
        assertThat(check.batchFor(14_400_000)).isEqualTo(10_000);
        assertThat(check.batchFor(14_400_001)).isEqualTo(10_001);
    }
}

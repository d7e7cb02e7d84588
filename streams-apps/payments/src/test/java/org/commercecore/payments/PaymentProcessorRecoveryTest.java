package org.commercecore.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.payments.internal.Operation;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.payments.provider.ProviderRequest;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentEvent;
import org.junit.jupiter.api.Test;

/**
 * What the next owner of a payments task does with a call its previous owner had under way
 * (after a crash or a rebalance; TopologyTestDriver cannot keep state across a restart, so the
 * processor is driven directly on a store that already holds the call).
 */
class PaymentProcessorRecoveryTest {

    @Test
    void aStoredCallIsMadeAgainWithTheSameKeyAndTheProviderExecutesItOnce() throws Exception {
        SimulatedPaymentProvider provider = new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard());
        PaymentState underWay = PaymentState.newBuilder().setOrderId("o-1").setCustomerId("c-1").setAmountMinor(2500)
                .setCurrency("EUR").setAuthorizationCode(null).setInFlight(Operation.AUTHORIZE).build();
        // the previous owner's call reached the provider before the task stopped
        provider.execute(PaymentRequests.of(underWay, Operation.AUTHORIZE));

        MockProcessorContext<String, PaymentEvent> context = new MockProcessorContext<>();
        KeyValueStore<String, PaymentState> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PaymentsTopology.PAYMENTS_STORE), Serdes.String(),
                InternalSerdes.avro(PaymentState.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        store.put("o-1", underWay);

        try (ProviderCalls calls = new ProviderCalls(provider, 2)) {
            PaymentProcessor processor = new PaymentProcessor(calls);
            processor.init(context);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
                return !context.forwarded().isEmpty();
            });
            processor.close();
        }

        List<PaymentEvent> events = context.forwarded().stream().map(f -> (PaymentEvent) f.record().value()).toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getPayload()).isInstanceOf(PaymentAuthorized.class);
            assertThat(e.getIdempotencyKey()).isEqualTo(ProviderRequest.idempotencyKey("o-1",
                    org.commercecore.payments.provider.Operation.AUTHORIZE));
        });
        assertThat(store.get("o-1").getInFlight()).isNull();
        assertThat(provider.calls()).as("asked twice").isEqualTo(2);
        assertThat(provider.executed()).as("executed once").containsOnlyKeys("o-1:authorize");
    }
}

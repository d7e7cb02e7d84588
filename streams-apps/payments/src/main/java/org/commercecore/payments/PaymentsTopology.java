package org.commercecore.payments;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.payments.internal.PaymentState;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;

/**
 * The payments topology: orders.events.v1 (by order id) --payment--> payments.events.v1 (by order id).
 * Provider calls run on {@link ProviderCalls}' threads, never on the stream thread.
 */
public final class PaymentsTopology {
    public static final String PAYMENTS_STORE = "payments";

    private PaymentsTopology() {
    }

    /** {@code meters}: where the payment outcomes are counted ({@link PaymentMeters}). */
    public static Topology build(AvroSerdes serdes, ProviderCalls calls, MeterRegistry meters) {
        PaymentMeters paymentMeters = new PaymentMeters(meters);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAYMENTS_STORE),
                // cached: a call requested and answered within one commit interval is logged once
                Serdes.String(), InternalSerdes.avro(PaymentState.class)).withCachingEnabled());
        builder.stream(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.consumed(serdes))
                .process(() -> new PaymentProcessor(calls), Named.as("payment"), PAYMENTS_STORE)
                .peek((orderId, event) -> paymentMeters.published(event), Named.as("count-events"))
                .to(Topics.PAYMENT_EVENTS.name(), Topics.PAYMENT_EVENTS.produced(serdes));
        return builder.build();
    }
}

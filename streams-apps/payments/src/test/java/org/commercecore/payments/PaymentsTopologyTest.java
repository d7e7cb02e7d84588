package org.commercecore.payments;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.commercecore.payments.provider.PaymentProvider;
import org.commercecore.payments.provider.ProviderResult;
import org.commercecore.payments.provider.ProviderUnavailableException;
import org.commercecore.payments.provider.SimulatedPaymentProvider;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.payments.DeclineCode;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentCaptured;
import org.commercecore.schemas.payments.PaymentDeclined;
import org.commercecore.schemas.payments.PaymentEvent;
import org.commercecore.schemas.payments.PaymentRefunded;
import org.commercecore.schemas.payments.PaymentVoided;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives PaymentsTopology.build with the production configuration and a provider of the test's choosing. */
class PaymentsTopologyTest {
    @TempDir
    Path state;
    private TopologyTests topology;
    private ProviderCalls calls;
    private TestInputTopic<String, OrderEvent> orders;
    private TestOutputTopic<String, PaymentEvent> payments;
    private final List<PaymentEvent> received = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private void start(PaymentProvider provider) {
        calls = new ProviderCalls(provider, 4);
        topology = TopologyTests.start(PaymentsApp.APPLICATION_ID, state, serdes -> PaymentsTopology.build(serdes, calls, meters));
        orders = topology.input(Topics.ORDER_EVENTS);
        payments = topology.output(Topics.PAYMENT_EVENTS);
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
            calls.close(); // after the driver: a task still running must not find its executor gone
        }
    }

    @Test
    void theAppCreatesOrChecksEveryTopicItsTopologyReadsOrWrites() {
        AvroSerdes offline = AvroSerdes.forRegistry(java.net.URI.create("mock://topics-of-the-topology"));
        assertThat(PaymentsApp.TOPICS).extracting(org.commercecore.platform.topics.Topic::name)
                .containsAll(TopologyTests.externalTopics(PaymentsTopology.build(offline, calls, new SimpleMeterRegistry())));
    }

    @Test
    void authorizesTheOrderTotalWhenAnOrderIsPlaced() {
        start(new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard()));
        place("o-1", "c-1", 2, 1250);

        PaymentEvent event = awaitEvents(1).get(0);
        assertThat(event.getPayload()).isInstanceOfSatisfying(PaymentAuthorized.class, a -> {
            assertThat(a.getAmountMinor()).isEqualTo(2500);
            assertThat(a.getCurrency()).isEqualTo("EUR");
        });
        assertThat(event.getIdempotencyKey()).isEqualTo("o-1:authorize");
        assertThat(event.getOrderId()).isEqualTo("o-1");
    }

    @Test
    void declinesAboveTheLimitAndForDeclinedCustomers() {
        start(new SimulatedPaymentProvider(new SimulatedPaymentProvider.Rules(10_000, "declined-", Duration.ZERO, 0)));
        place("o-1", "c-1", 1, 10_001);
        place("o-2", "declined-7", 1, 100);

        List<PaymentEvent> events = awaitEvents(2);
        assertThat(events).extracting(e -> ((PaymentDeclined) e.getPayload()).getDeclineCode())
                .containsExactlyInAnyOrder(DeclineCode.LIMIT_EXCEEDED, DeclineCode.INSUFFICIENT_FUNDS);
        assertThat(meters.get(PaymentMeters.EVENTS).tags("kind", "declined", "decline_code", "limit_exceeded").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(PaymentMeters.EVENTS).tags("kind", "declined", "decline_code", "insufficient_funds").counter().count())
                .isEqualTo(1);
        assertThat(meters.find(PaymentMeters.EVENTS).tags("kind", "authorized").counter()).isNull();
    }

    @Test
    void aRejectedOrderHasItsAuthorizationVoidedButADeclinedOneNeedsNothing() {
        start(new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard()));
        place("o-1", "c-1", 1, 100);
        place("o-2", "declined-1", 1, 100);
        awaitEvents(2);
        status("o-1", OrderStatus.REJECTED);
        status("o-2", OrderStatus.REJECTED);

        List<PaymentEvent> events = awaitEvents(3);
        assertThat(events.get(2).getPayload()).isInstanceOf(PaymentVoided.class);
        assertThat(events.get(2).getOrderId()).isEqualTo("o-1");
        settle();
        assertThat(received).hasSize(3);
    }

    @Test
    void aRejectionThatArrivesWhileTheAuthorizationIsUnderWayVoidsItOnceItIsDone() {
        CountDownLatch release = new CountDownLatch(1);
        SimulatedPaymentProvider simulated = new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard());
        start(request -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            return simulated.execute(request);
        });
        place("o-1", "c-1", 1, 100);
        status("o-1", OrderStatus.REJECTED);
        release.countDown();

        List<PaymentEvent> events = awaitEvents(2);
        assertThat(events).extracting(PaymentEvent::getPayload)
                .hasExactlyElementsOfTypes(PaymentAuthorized.class, PaymentVoided.class);
    }

    @Test
    void shippingCapturesAndCancellingAConfirmedOrderVoids() {
        start(new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard()));
        place("o-1", "c-1", 1, 100);
        place("o-2", "c-1", 1, 200);
        awaitEvents(2);
        status("o-1", OrderStatus.CONFIRMED);
        status("o-1", OrderStatus.SHIPPED);
        status("o-2", OrderStatus.CONFIRMED);
        status("o-2", OrderStatus.CANCELLED);

        List<PaymentEvent> events = awaitEvents(4);
        assertThat(events.subList(2, 4)).extracting(PaymentEvent::getPayload)
                .hasOnlyElementsOfTypes(PaymentCaptured.class, PaymentVoided.class);
        assertThat(events.stream().filter(e -> e.getPayload() instanceof PaymentRefunded)).isEmpty();
    }

    @Test
    void aSlowCallForOneOrderDoesNotHoldUpAnother() {
        CountDownLatch slowMayFinish = new CountDownLatch(1);
        SimulatedPaymentProvider simulated = new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard());
        start(request -> {
            if (request.orderId().equals("slow")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> slowMayFinish.getCount() == 0);
            }
            return simulated.execute(request);
        });
        place("slow", "c-1", 1, 100);
        place("fast", "c-2", 1, 100);

        assertThat(awaitEvents(1).get(0).getOrderId()).isEqualTo("fast");
        slowMayFinish.countDown();
        assertThat(awaitEvents(2).get(1).getOrderId()).isEqualTo("slow");
    }

    @Test
    void anUnavailableProviderIsRetriedWithBackoffAndChargesOnce() {
        SimulatedPaymentProvider simulated = new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard());
        AtomicInteger failuresLeft = new AtomicInteger(2);
        start(request -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new ProviderUnavailableException("503 from the provider");
            }
            return simulated.execute(request);
        });
        place("o-1", "c-1", 1, 100);

        assertThat(awaitEvents(1).get(0).getPayload()).isInstanceOf(PaymentAuthorized.class);
        assertThat(simulated.executed()).containsOnlyKeys("o-1:authorize");
    }

    @Test
    void theSimulatedProviderAnswersARepeatedKeyWithoutExecutingItAgain() throws Exception {
        SimulatedPaymentProvider simulated = new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard());
        var request = new org.commercecore.payments.provider.ProviderRequest(
                org.commercecore.payments.provider.Operation.AUTHORIZE, "o-9:authorize", "o-9", "c-1", 100, "EUR", null);
        ProviderResult first = simulated.execute(request);
        ProviderResult again = simulated.execute(request);
        assertThat(again).isEqualTo(first);
        assertThat(simulated.calls()).isEqualTo(2);
        assertThat(simulated.executed()).hasSize(1);
    }

    /** The dead letter's content is proven on a real broker by DeadLetterIT; TopologyTestDriver drops it. */
    @Test
    void anUndecodableOrderEventIsSetAsideAndPaymentsGoOn() {
        start(new SimulatedPaymentProvider(SimulatedPaymentProvider.Rules.standard()));
        topology.rawValueInput(Topics.ORDER_EVENTS).pipeInput("o-x", new byte[] {0, 0, 0, 0, 99, 1});
        place("o-1", "c-1", 1, 100);

        assertThat(awaitEvents(1)).extracting(PaymentEvent::getOrderId).containsExactly("o-1");
    }

    /** Lets wall-clock time pass (the punctuation that collects answers) until n events arrived. */
    private List<PaymentEvent> awaitEvents(int n) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            topology.driver().advanceWallClockTime(Duration.ofMillis(20));
            received.addAll(payments.readValuesToList());
            return received.size() >= n;
        });
        return List.copyOf(received);
    }

    /** Half a second of real time (for the provider's threads) and of punctuations, for tests that check nothing more happened. */
    private void settle() {
        int before = received.size();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            topology.driver().advanceWallClockTime(Duration.ofMillis(20));
            received.addAll(payments.readValuesToList());
            return received.size() == before;
        });
    }

    private void place(String orderId, String customerId, int quantity, long unitPriceMinor) {
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku("SKU-1").setQuantity(quantity)
                .setUnitPriceMinor(unitPriceMinor).build();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setLines(List.of(line))
                .setTotalMinor(quantity * unitPriceMinor).setCurrency("EUR").setPlacedAt(Instant.now()).build();
        orders.pipeInput(orderId, envelope(orderId, customerId, placed));
    }

    private void status(String orderId, OrderStatus to) {
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(OrderStatus.PLACED).setToStatus(to)
                .setReasonCode(null).setReason(null).build();
        orders.pipeInput(orderId, envelope(orderId, "c-1", changed));
    }

    private static OrderEvent envelope(String orderId, String customerId, Object payload) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(payload).build();
    }
}

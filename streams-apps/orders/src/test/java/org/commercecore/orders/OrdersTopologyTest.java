package org.commercecore.orders;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderTransitionRefused;
import org.commercecore.schemas.orders.RejectionReason;
import org.commercecore.schemas.payments.DeclineCode;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentDeclined;
import org.commercecore.schemas.payments.PaymentEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives OrdersTopology.build with the production configuration. */
class OrdersTopologyTest {
    private static final FraudLimits FRAUD = new FraudLimits(10_000, Duration.ofHours(1));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, InventoryEvent> inventory;
    private TestInputTopic<String, PaymentEvent> payments;
    private TestInputTopic<String, OrderCommand> commands;
    private TestOutputTopic<String, OrderEvent> out;
    private Instant clock = Instant.parse("2026-11-24T10:00:00Z");
    /** The driver's wall clock, which the saga deadline is checked against; it moves only when a test moves it. */
    private Instant wallClock = clock;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state, serdes -> OrdersTopology.build(serdes, FRAUD, DEADLINE, meters),
                clock);
        orders = topology.input(Topics.ORDER_EVENTS);
        inventory = topology.input(Topics.INVENTORY_ORDER_EVENTS);
        payments = topology.input(Topics.PAYMENT_EVENTS);
        commands = topology.input(Topics.ORDER_COMMANDS);
        out = topology.output(Topics.ORDER_EVENTS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void theAppCreatesOrChecksEveryTopicItsTopologyReadsOrWrites() {
        AvroSerdes offline = AvroSerdes.forRegistry(java.net.URI.create("mock://topics-of-the-topology"));
        assertThat(OrdersApp.TOPICS).extracting(org.commercecore.platform.topics.Topic::name)
                .containsAll(TopologyTests.externalTopics(OrdersTopology.build(offline, FRAUD, DEADLINE, new SimpleMeterRegistry())));
    }

    @Test
    void confirmsOnceEveryLineIsReservedThePaymentAuthorizedAndFraudPassed() {
        place("o-1", "c-1", 2, 1000);
        reserved("o-1", 1);
        assertThat(statuses()).isEmpty();
        reserved("o-1", 2);
        authorized("o-1");

        assertThat(statuses()).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CONFIRMED);
    }

    @Test
    void countsWhatItDecidesAndTimesTheSagaFromTheOrdersCommitByTheWallClock() {
        place("o-1", "c-1", 1, 1000); // placed_at: the driver's wall clock now
        topology.driver().advanceWallClockTime(Duration.ofMillis(1500));
        reserved("o-1", 1);
        authorized("o-1");
        place("o-2", "c-2", 1, 1000);
        stockRejected("o-2", 1);
        command("o-2", OrderCommandKind.SHIP);

        assertThat(meters.get(OrderMeters.PLACED).counter().count()).isEqualTo(2);
        assertThat(meters.get(OrderMeters.TRANSITIONS).tags("to_status", "confirmed", "reason", "none").counter().count()).isEqualTo(1);
        assertThat(meters.get(OrderMeters.TRANSITIONS).tags("to_status", "rejected", "reason", "out_of_stock").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(OrderMeters.REFUSALS).tags("attempted", "ship").counter().count()).isEqualTo(1);
        var confirmed = meters.get(OrderMeters.SAGA).tags("outcome", "confirmed").timer();
        assertThat(confirmed.count()).isEqualTo(1);
        assertThat(confirmed.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(meters.get(OrderMeters.SAGA).tags("outcome", "rejected").timer().count()).isEqualTo(1);
    }

    @Test
    void repliesThatArriveBeforeTheOrderGiveTheSameOutcome() {
        authorized("o-1");
        reserved("o-1", 2);
        reserved("o-1", 1);
        place("o-1", "c-1", 2, 1000);

        assertThat(statuses()).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CONFIRMED);
    }

    @Test
    void anyLineOutOfStockRejectsTheOrderWithTheReason() {
        place("o-1", "c-1", 2, 1000);
        reserved("o-1", 1);
        stockRejected("o-1", 2);
        authorized("o-1");

        List<OrderEvent> events = out.readValuesToList();
        OrderStatusChanged rejected = statusesOf(events).get(0);
        assertThat(rejected.getToStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.getReasonCode()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(refusalsOf(events)).extracting(OrderTransitionRefused::getReason).containsExactly("late reply: the order is REJECTED");
    }

    @Test
    void aDeclinedPaymentRejectsTheOrder() {
        place("o-1", "c-1", 1, 1000);
        declined("o-1");
        reserved("o-1", 1);

        assertThat(statuses()).extracting(OrderStatusChanged::getReasonCode).containsExactly(RejectionReason.PAYMENT_DECLINED);
    }

    @Test
    void anOrderTakingTheCustomerOverTheSpendLimitIsRejectedAsFraud() {
        place("o-1", "c-1", 1, 6_000);
        place("o-2", "c-1", 1, 6_000); // 12,000 within the hour: over 10,000
        place("o-3", "c-2", 1, 6_000); // another customer is not affected
        for (String id : List.of("o-1", "o-2", "o-3")) {
            reserved(id, 1);
            authorized(id);
        }
        List<OrderEvent> events = out.readValuesToList();
        assertThat(events.stream().filter(e -> e.getPayload() instanceof OrderStatusChanged)
                .map(e -> e.getOrderId() + ":" + ((OrderStatusChanged) e.getPayload()).getToStatus()))
                .containsExactlyInAnyOrder("o-1:CONFIRMED", "o-2:REJECTED", "o-3:CONFIRMED");
        assertThat(statusesOf(events).stream().filter(s -> s.getToStatus() == OrderStatus.REJECTED))
                .extracting(OrderStatusChanged::getReasonCode).containsExactly(RejectionReason.FRAUD_SUSPECTED);
    }

    @Test
    void aConfirmedOrderShipsOrIsCancelledAndNothingElse() {
        confirmed("o-1");
        confirmed("o-2");
        command("o-1", OrderCommandKind.SHIP);
        command("o-2", OrderCommandKind.CANCEL);
        command("o-1", OrderCommandKind.CANCEL); // cancel a shipped order
        command("o-2", OrderCommandKind.SHIP);   // ship a cancelled order

        List<OrderEvent> events = out.readValuesToList();
        assertThat(statusesOf(events)).extracting(OrderStatusChanged::getToStatus)
                .containsExactly(OrderStatus.SHIPPED, OrderStatus.CANCELLED);
        assertThat(refusalsOf(events)).extracting(r -> r.getAttempted() + " " + r.getCurrentStatus())
                .containsExactly("CANCEL SHIPPED", "SHIP CANCELLED");
    }

    @Test
    void aRejectedOrderCannotShipAndAPlacedOneCanBeCancelled() {
        place("o-1", "c-1", 1, 100);
        declined("o-1");
        place("o-2", "c-2", 1, 100);
        out.readValuesToList();
        command("o-1", OrderCommandKind.SHIP);
        command("o-2", OrderCommandKind.CANCEL);

        List<OrderEvent> events = out.readValuesToList();
        assertThat(refusalsOf(events)).extracting(OrderTransitionRefused::getAttempted).containsExactly("SHIP");
        assertThat(statusesOf(events)).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CANCELLED);
    }

    @Test
    void aDuplicateReplyChangesNothingAndIsRecorded() {
        place("o-1", "c-1", 1, 100);
        reserved("o-1", 1);
        reserved("o-1", 1);
        List<OrderTransitionRefused> refusals = refusalsOf(out.readValuesToList());
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).getReason()).isEqualTo("a reply for this line was received already");
        assertThat(refusals.get(0).getCurrentStatus()).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void anOrderThatCannotBeFulfilledAsGivenIsRejectedAsInvalid() {
        OrderLine bad = OrderLine.newBuilder().setLineNo(1).setSku("SKU-1").setQuantity(-10).setUnitPriceMinor(100).build();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId("c-1").setLines(List.of(bad)).setTotalMinor(-1000)
                .setCurrency("EUR").setPlacedAt(clock).build();
        orders.pipeInput("o-1", OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock).setOrderId("o-1")
                .setCorrelationId("o-1").setCustomerId("c-1").setPayload(placed).build(), tick());
        reserved("o-1", 1);
        authorized("o-1");

        List<OrderEvent> events = out.readValuesToList();
        assertThat(statusesOf(events)).singleElement().satisfies(s -> {
            assertThat(s.getToStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(s.getReasonCode()).isEqualTo(RejectionReason.INVALID_ORDER);
            assertThat(s.getReason()).isEqualTo("line 1 has quantity -10");
        });
    }

    @Test
    void aCancelThatOvertakesItsOrderAppliesWhenTheOrderArrives() {
        command("o-1", OrderCommandKind.CANCEL);
        place("o-1", "c-1", 1, 100);
        reserved("o-1", 1);
        authorized("o-1");

        List<OrderEvent> events = out.readValuesToList();
        assertThat(statusesOf(events)).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CANCELLED);
        assertThat(refusalsOf(events)).extracting(OrderTransitionRefused::getReason)
                .allSatisfy(r -> assertThat(r).startsWith("late reply"));
    }

    /** The dead letter's content is proven on a real broker by DeadLetterIT; TopologyTestDriver drops it. */
    @Test
    void anUndecodableReplyIsSetAsideAndTheOrderStillDecides() {
        place("o-1", "c-1", 1, 100);
        topology.rawValueInput(Topics.PAYMENT_EVENTS).pipeInput("o-1", "not a payment".getBytes(StandardCharsets.UTF_8), tick());
        reserved("o-1", 1);
        authorized("o-1");

        assertThat(statuses()).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CONFIRMED);
        assertThat(topology.deadLetterMeters().get("commerce.streams.dead.letters").tags("stage", "deserialization")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aShipThatOvertakesItsOrderIsRefusedOnceAndNothingIsDeadLettered() {
        command("o-1", OrderCommandKind.SHIP);

        List<OrderEvent> events = out.readValuesToList();
        assertThat(refusalsOf(events)).extracting(OrderTransitionRefused::getAttempted).containsExactly("SHIP");
        assertThat(topology.output(OrdersApp.DEAD_LETTERS).isEmpty()).isTrue();
        assertThat(topology.output(Topics.ORDER_STATUS).isEmpty()).as("a refusal has no status view").isTrue();
    }

    @Test
    void rejectsOrderWithTimeoutWhenPaymentNeverAnswers() {
        place("o-1", "c-1", 1, 1000);
        reserved("o-1", 1); // the fraud check passes on its own: only the payment is missing
        Instant deadline = sagaStart("o-1").plus(DEADLINE);

        wallClockAt(deadline.minusMillis(1));
        assertThat(statuses()).as("not before the deadline").isEmpty();
        wallClockAt(deadline.plus(SagaDeadlines.checkInterval(DEADLINE)));

        List<OrderEvent> events = out.readValuesToList();
        assertThat(statusesOf(events)).singleElement().satisfies(s -> {
            assertThat(s.getToStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(s.getReasonCode()).isEqualTo(RejectionReason.TIMEOUT);
            assertThat(s.getReason()).isEqualTo("no reply within 30s: payment");
        });
        assertThat(events.get(0).getOccurredAt()).as("the check's wall-clock time").isAfterOrEqualTo(deadline);
        assertThat(topology.output(Topics.ORDER_STATUS).readValuesToList()).last().satisfies(v -> {
            assertThat(v.getStatus()).isEqualTo("REJECTED");
            assertThat(v.getReasonCode()).isEqualTo("TIMEOUT");
            assertThat(v.getTotalMinor()).isEqualTo(1000);
        });
        assertThat(meters.get(OrderMeters.TIMEOUTS).tags("awaited", "payment").counter().count()).isEqualTo(1);
        assertThat(meters.get(OrderMeters.TRANSITIONS).tags("to_status", "rejected", "reason", "timeout").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aTimeoutNamesEveryReplyStillMissing() {
        place("o-1", "c-1", 3, 1000);
        reserved("o-1", 1);

        wallClockAt(sagaStart("o-1").plus(DEADLINE).plus(SagaDeadlines.checkInterval(DEADLINE)));

        assertThat(statuses()).extracting(OrderStatusChanged::getReason)
                .containsExactly("no reply within 30s: payment, stock lines 2, 3");
        assertThat(meters.get(OrderMeters.TIMEOUTS).tags("awaited", "payment+stock").counter().count()).isEqualTo(1);
    }

    @Test
    void anOrderWhoseRepliesAllArriveInTimeIsConfirmedAndNeverTimesOut() {
        place("o-1", "c-1", 1, 1000);
        wallClockAt(sagaStart("o-1").plus(DEADLINE).minusSeconds(1));
        reserved("o-1", 1);
        authorized("o-1");
        assertThat(statuses()).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CONFIRMED);

        wallClockAt(sagaStart("o-1").plus(DEADLINE.multipliedBy(10)));

        assertThat(out.readValuesToList()).isEmpty();
        assertThat(meters.find(OrderMeters.TIMEOUTS).counter()).isNull();
    }

    @Test
    void aLateAuthorizationAfterTheTimeoutIsRefusedAsLate() {
        place("o-1", "c-1", 1, 1000);
        reserved("o-1", 1);
        wallClockAt(sagaStart("o-1").plus(DEADLINE).plus(SagaDeadlines.checkInterval(DEADLINE)));
        assertThat(statuses()).extracting(OrderStatusChanged::getReasonCode).containsExactly(RejectionReason.TIMEOUT);

        authorized("o-1");

        List<OrderEvent> events = out.readValuesToList();
        assertThat(statusesOf(events)).isEmpty();
        assertThat(refusalsOf(events)).singleElement().satisfies(r -> {
            assertThat(r.getAttempted()).isEqualTo("PaymentAuthorized");
            assertThat(r.getReason()).isEqualTo("late reply: the order is REJECTED");
        });
    }

    @Test
    void anOrderThatReachesTheSagaLongAfterItWasPlacedHasTheWholeDeadlineFromThen() {
        clock = clock.minus(Duration.ofMinutes(5)); // written five minutes ago: Connect was down since
        place("o-1", "c-1", 1, 1000);
        assertThat(sagaStart("o-1")).isEqualTo(wallClock);

        wallClockAt(wallClock.plus(DEADLINE).minusMillis(1));
        assertThat(statuses()).as("the saga asked for its replies only now").isEmpty();
        wallClockAt(wallClock.plus(SagaDeadlines.checkInterval(DEADLINE)));

        assertThat(statuses()).extracting(OrderStatusChanged::getReasonCode).containsExactly(RejectionReason.TIMEOUT);
    }

    @Test
    void eachOrderTimesOutByItsOwnDeadlineOnce() {
        place("o-1", "c-1", 1, 1000);
        wallClockAt(wallClock.plusSeconds(10)); // the next orders reach the saga later
        place("o-2", "c-2", 1, 1000);
        place("o-3", "c-3", 1, 1000);
        command("o-3", OrderCommandKind.CANCEL);
        out.readValuesToList();

        wallClockAt(sagaStart("o-1").plus(DEADLINE).plus(SagaDeadlines.checkInterval(DEADLINE)));
        assertThat(statuses()).as("o-2 was placed 10 s later").hasSize(1);
        wallClockAt(sagaStart("o-2").plus(DEADLINE).plus(SagaDeadlines.checkInterval(DEADLINE)));
        assertThat(statuses()).as("o-3 was cancelled: decided, no deadline").hasSize(1);
        wallClockAt(wallClock.plus(DEADLINE.multipliedBy(2)));

        assertThat(out.readValuesToList()).isEmpty();
        assertThat(meters.get(OrderMeters.TRANSITIONS).tags("to_status", "rejected", "reason", "timeout").counter().count())
                .isEqualTo(2);
    }

    private void confirmed(String orderId) {
        place(orderId, "c-" + orderId, 1, 100);
        reserved(orderId, 1);
        authorized(orderId);
        assertThat(statuses()).extracting(OrderStatusChanged::getToStatus).containsExactly(OrderStatus.CONFIRMED);
    }

    private void place(String orderId, String customerId, int lines, long unitPriceMinor) {
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            orderLines.add(OrderLine.newBuilder().setLineNo(i).setSku("SKU-" + i).setQuantity(1).setUnitPriceMinor(unitPriceMinor).build());
        }
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customerId).setLines(orderLines)
                .setTotalMinor(lines * unitPriceMinor).setCurrency("EUR").setPlacedAt(clock).build();
        orders.pipeInput(orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(placed).build(), tick());
    }

    private void reserved(String orderId, int line) {
        inventory.pipeInput(orderId, stockEvent(orderId, StockReserved.newBuilder().setOrderId(orderId).setLineNo(line)
                .setQuantity(1).setAvailableAfter(5).build()), tick());
    }

    private void stockRejected(String orderId, int line) {
        inventory.pipeInput(orderId, stockEvent(orderId, StockReservationRejected.newBuilder().setOrderId(orderId)
                .setLineNo(line).setRequested(1).setAvailable(0).setReason("none left").build()), tick());
    }

    private InventoryEvent stockEvent(String orderId, Object payload) {
        return InventoryEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock).setSku("SKU")
                .setCorrelationId(orderId).setPayload(payload).build();
    }

    private void authorized(String orderId) {
        payment(orderId, PaymentAuthorized.newBuilder().setAmountMinor(100).setCurrency("EUR").setAuthorizationCode("a").build());
    }

    private void declined(String orderId) {
        payment(orderId, PaymentDeclined.newBuilder().setAmountMinor(100).setCurrency("EUR")
                .setDeclineCode(DeclineCode.INSUFFICIENT_FUNDS).setReason("no").build());
    }

    private void payment(String orderId, Object payload) {
        payments.pipeInput(orderId, PaymentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock)
                .setOrderId(orderId).setCorrelationId(orderId).setPaymentId("pay-" + orderId)
                .setIdempotencyKey(orderId + ":authorize").setPayload(payload).build(), tick());
    }

    private void command(String orderId, OrderCommandKind kind) {
        commands.pipeInput(orderId, OrderCommand.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(clock)
                .setOrderId(orderId).setCorrelationId(orderId).setKind(kind).setRequestedBy(null).setReason(null).build(), tick());
    }

    /** When the aggregate took the order in, as it keeps it: where its deadline counts from. */
    private Instant sagaStart(String orderId) {
        KeyValueStore<String, OrderState> store = topology.driver().getKeyValueStore(OrdersTopology.ORDERS_STORE);
        return store.get(orderId).getSagaStartedAt();
    }

    /** Moves the driver's wall clock, which runs the deadline check when its interval has passed. */
    private void wallClockAt(Instant at) {
        topology.driver().advanceWallClockTime(Duration.between(wallClock, at));
        wallClock = at;
    }

    private List<OrderStatusChanged> statuses() {
        return statusesOf(out.readValuesToList());
    }

    private static List<OrderStatusChanged> statusesOf(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::getPayload).filter(OrderStatusChanged.class::isInstance)
                .map(OrderStatusChanged.class::cast).toList();
    }

    private static List<OrderTransitionRefused> refusalsOf(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::getPayload).filter(OrderTransitionRefused.class::isInstance)
                .map(OrderTransitionRefused.class::cast).toList();
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}

package org.commercecore.orders.views;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.commercecore.orders.OrdersApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockReservationRejected;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.orders.FraudLimits;
import org.commercecore.orders.OrdersTopology;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderStatusView;
import org.commercecore.schemas.payments.PaymentAuthorized;
import org.commercecore.schemas.payments.PaymentEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives OrdersTopology.build with the aggregate's inputs (orders, stock replies, payments,
 * commands) and reads the flat views the aggregate publishes with its decisions.
 */
class OrderViewsTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T23:59:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T00:01:00Z");

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> events;
    private TestInputTopic<String, InventoryEvent> stock;
    private TestInputTopic<String, PaymentEvent> payments;
    private TestInputTopic<String, OrderCommand> commands;
    private TestOutputTopic<String, OrderStatusView> statuses;
    private TestOutputTopic<String, DailyOrderTotals> daily;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state,
                serdes -> OrdersTopology.build(serdes, new FraudLimits(1_000_000, Duration.ofHours(1)), Duration.ofSeconds(30),
                        new SimpleMeterRegistry()));
        events = topology.input(Topics.ORDER_EVENTS);
        stock = topology.input(Topics.INVENTORY_ORDER_EVENTS);
        payments = topology.input(Topics.PAYMENT_EVENTS);
        commands = topology.input(Topics.ORDER_COMMANDS);
        statuses = topology.output(Topics.ORDER_STATUS);
        daily = topology.output(Topics.ORDER_DAILY_TOTALS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void everyStatusOfAnOrderCarriesItsTotalAndTheReasonOfARejection() {
        placed("o-1", 2500, MONDAY);
        outOfStock("o-1", MONDAY);

        List<OrderStatusView> views = statuses.readValuesToList();
        assertThat(views).extracting(OrderStatusView::getStatus).containsExactly("PLACED", "REJECTED");
        assertThat(views).allSatisfy(v -> {
            assertThat(v.getTotalMinor()).isEqualTo(2500);
            assertThat(v.getCurrency()).isEqualTo("EUR");
            assertThat(v.getCustomerId()).isEqualTo("c-1");
        });
        assertThat(views.get(1).getReasonCode()).isEqualTo("OUT_OF_STOCK");
        assertThat(views.get(1).getReason()).isEqualTo("a line could not be reserved");
    }

    @Test
    void anOrderPlacedTwiceHasOnePlacedView() {
        placed("o-1", 700, MONDAY);
        placed("o-1", 700, MONDAY);

        assertThat(statuses.readValuesToList()).extracting(OrderStatusView::getStatus).containsExactly("PLACED");
    }

    @Test
    void theViewOfAnOrderPlacedBeforeTheAggregateKeptTotalsTakesTheTotalTheOldViewStored() {
        placed("o-1", 1200, MONDAY);
        statuses.readValuesToList();
        KeyValueStore<String, OrderState> orders = topology.driver().getKeyValueStore(OrdersTopology.ORDERS_STORE);
        orders.put("o-1", OrderState.newBuilder(orders.get("o-1")).setTotalMinor(null).setCurrency(null).build());
        KeyValueStore<String, OrderAmount> legacy = topology.driver().getKeyValueStore(OrderViews.LEGACY_AMOUNTS_STORE);
        legacy.put("o-1", new OrderAmount(1200L, "SEK"));

        confirm("o-1", MONDAY);

        OrderStatusView confirmed = statuses.readValue();
        assertThat(List.of(confirmed.getStatus(), confirmed.getTotalMinor(), confirmed.getCurrency()))
                .containsExactly("CONFIRMED", 1200L, "SEK");
    }

    @Test
    void dailyTotalsCountEachChangeOnTheUtcDayItHappened() {
        placed("o-1", 1000, MONDAY);
        confirm("o-1", MONDAY);
        command("o-1", OrderCommandKind.SHIP, TUESDAY);
        placed("o-2", 300, TUESDAY);
        confirm("o-2", TUESDAY);
        command("o-2", OrderCommandKind.CANCEL, TUESDAY);
        Map<String, DailyOrderTotals> latest = daily.readKeyValuesToMap();
        assertThat(latest).containsOnlyKeys("2026-11-23/EUR", "2026-11-24/EUR");
        DailyOrderTotals monday = latest.get("2026-11-23/EUR");
        assertThat(monday.getDay()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(List.of(monday.getPlacedCount(), monday.getPlacedMinor(), monday.getConfirmedCount(), monday.getConfirmedMinor(),
                monday.getShippedCount())).containsExactly(1L, 1000L, 1L, 1000L, 0L);
        DailyOrderTotals tuesday = latest.get("2026-11-24/EUR");
        assertThat(List.of(tuesday.getPlacedCount(), tuesday.getPlacedMinor(), tuesday.getConfirmedCount(), tuesday.getShippedCount(),
                tuesday.getShippedMinor(), tuesday.getCancelledCount(), tuesday.getCancelledMinor()))
                .containsExactly(1L, 300L, 1L, 1L, 1000L, 1L, 300L);
    }

    private void placed(String orderId, long total, Instant at) {
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId("c-1")
                .setLines(List.of(new OrderLine(1, "SKU-1", 1, total))).setTotalMinor(total).setCurrency("EUR").setPlacedAt(at).build();
        events.pipeInput(orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId("c-1").setPayload(placed).build(), at);
    }

    private void confirm(String orderId, Instant at) {
        stock(orderId, StockReserved.newBuilder().setOrderId(orderId).setLineNo(1).setQuantity(1).setAvailableAfter(5).build(), at);
        payments.pipeInput(orderId, PaymentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at)
                .setOrderId(orderId).setCorrelationId(orderId).setPaymentId("pay-" + orderId)
                .setIdempotencyKey(orderId + ":authorize").setPayload(PaymentAuthorized.newBuilder().setAmountMinor(100)
                        .setCurrency("EUR").setAuthorizationCode("a").build()).build(), at);
    }

    private void outOfStock(String orderId, Instant at) {
        stock(orderId, StockReservationRejected.newBuilder().setOrderId(orderId).setLineNo(1).setRequested(1).setAvailable(0)
                .setReason("none left").build(), at);
    }

    private void stock(String orderId, Object payload, Instant at) {
        stock.pipeInput(orderId, InventoryEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setSku("SKU-1")
                .setCorrelationId(orderId).setPayload(payload).build(), at);
    }

    private void command(String orderId, OrderCommandKind kind, Instant at) {
        commands.pipeInput(orderId, OrderCommand.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at)
                .setOrderId(orderId).setCorrelationId(orderId).setKind(kind).setRequestedBy(null).setReason(null).build(), at);
    }
}

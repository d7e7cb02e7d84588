package org.commercecore.orders.views;

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
import org.commercecore.orders.FraudLimits;
import org.commercecore.orders.OrdersTopology;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderStatusView;
import org.commercecore.schemas.orders.RejectionReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives OrdersTopology.build with order events and reads the flat views it derives from them. */
class OrderViewsTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T23:59:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T00:01:00Z");

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> events;
    private TestOutputTopic<String, OrderStatusView> statuses;
    private TestOutputTopic<String, DailyOrderTotals> daily;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state,
                serdes -> OrdersTopology.build(serdes, new FraudLimits(1_000_000, Duration.ofHours(1))));
        events = topology.input(Topics.ORDER_EVENTS);
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
        changed("o-1", OrderStatus.PLACED, OrderStatus.REJECTED, RejectionReason.OUT_OF_STOCK, MONDAY);

        List<OrderStatusView> views = statuses.readValuesToList();
        assertThat(views).extracting(OrderStatusView::getStatus).containsExactly("PLACED", "REJECTED");
        assertThat(views).allSatisfy(v -> {
            assertThat(v.getTotalMinor()).isEqualTo(2500);
            assertThat(v.getCurrency()).isEqualTo("EUR");
        });
        assertThat(views.get(1).getReasonCode()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void dailyTotalsCountEachChangeOnTheUtcDayItHappened() {
        placed("o-1", 1000, MONDAY);
        changed("o-1", OrderStatus.PLACED, OrderStatus.CONFIRMED, null, MONDAY);
        changed("o-1", OrderStatus.CONFIRMED, OrderStatus.SHIPPED, null, TUESDAY);
        placed("o-2", 300, TUESDAY);
        changed("o-2", OrderStatus.PLACED, OrderStatus.CONFIRMED, null, TUESDAY);
        changed("o-2", OrderStatus.CONFIRMED, OrderStatus.CANCELLED, null, TUESDAY);

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
        events.pipeInput(orderId, event(orderId, placed, at), at);
    }

    private void changed(String orderId, OrderStatus from, OrderStatus to, RejectionReason reason, Instant at) {
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to).setReasonCode(reason)
                .setReason(reason == null ? null : "because").build();
        events.pipeInput(orderId, event(orderId, changed, at), at);
    }

    private static OrderEvent event(String orderId, Object payload, Instant at) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setOrderId(orderId).setCorrelationId(orderId)
                .setCustomerId("c-1").setPayload(payload).build();
    }
}

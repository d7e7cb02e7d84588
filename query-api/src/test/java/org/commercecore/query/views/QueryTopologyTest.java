package org.commercecore.query.views;

import org.commercecore.query.QueryApiConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives QueryTopology.build: the views it keeps, the waits it completes, the sales it counts. */
class QueryTopologyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, InventoryEvent> inventory;
    private final OrderWatch watch = new OrderWatch();
    private final AtomicInteger salesMoved = new AtomicInteger();
    private int placedCount;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(QueryApiConfig.APPLICATION_ID, state,
                serdes -> QueryTopology.build(serdes, watch, salesMoved::incrementAndGet));
        orders = topology.input(Topics.ORDER_EVENTS);
        inventory = topology.input(Topics.INVENTORY_ORDER_EVENTS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void theAppCreatesOrChecksEveryTopicItsTopologyReadsOrWrites() {
        AvroSerdes offline = AvroSerdes.forRegistry(java.net.URI.create("mock://topics-of-the-topology"));
        assertThat(org.commercecore.query.QueryApiApp.TOPICS).extracting(org.commercecore.platform.topics.Topic::name)
                .containsAll(TopologyTests.externalTopics(QueryTopology.build(offline, watch, () -> { })));
    }

    @Test
    void anOrdersViewHoldsItsLinesStatusesAndEveryEventIncludingStockReplies() {
        placed("o-1", "c-1", "SKU-1", 2);
        inventory.pipeInput("o-1", InventoryEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(NOW).setSku("SKU-1")
                .setCorrelationId("o-1").setPayload(new StockReserved("o-1", 1, 2, 8)).build());
        changed("o-1", "c-1", OrderStatus.PLACED, OrderStatus.CONFIRMED);

        OrderView view = this.<OrderView>store(QueryTopology.ORDERS_STORE).get("o-1");
        assertThat(view.getStatus()).isEqualTo("CONFIRMED");
        assertThat(view.getStatuses()).containsExactly("PLACED", "CONFIRMED");
        assertThat(view.getLines()).extracting(ViewLine::getSku).containsExactly("SKU-1");
        assertThat(view.getTimeline()).extracting(TimelineEntry::getType)
                .containsExactly("OrderPlaced", "StockReserved", "OrderStatusChanged");
    }

    @Test
    void aStockReplyReadBeforeItsOrderStillComesAfterTheOrderInTheTimeline() {
        inventory.pipeInput("o-3", InventoryEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(NOW).setSku("SKU-1")
                .setCorrelationId("o-3").setPayload(new StockReserved("o-3", 1, 1, 8)).build());
        placed("o-3", "c-1", "SKU-1", 1);

        OrderView view = this.<OrderView>store(QueryTopology.ORDERS_STORE).get("o-3");
        assertThat(view.getTimeline()).extracting(TimelineEntry::getType).containsExactly("OrderPlaced", "StockReserved");
        assertThat(view.getStatus()).isEqualTo("PLACED");
    }

    @Test
    void aWaitingReadIsCompletedByTheChangeItWaitsFor() {
        placed("o-2", "c-1", "SKU-1", 1);
        CompletableFuture<OrderView> waiting = watch.await("o-2", this.<OrderView>store(QueryTopology.ORDERS_STORE).get("o-2"),
                OrderWatch.reached("CONFIRMED"), Duration.ofSeconds(30));
        assertThat(waiting).isNotDone();

        changed("o-2", "c-1", OrderStatus.PLACED, OrderStatus.CONFIRMED);
        assertThat(waiting).isCompleted();
        assertThat(waiting.join().getStatus()).isEqualTo("CONFIRMED");
    }

    @Test
    void aWaitForAStatusTheOrderCanNoLongerReachEndsWhenItIsFinal() {
        placed("o-3", "c-1", "SKU-1", 1);
        CompletableFuture<OrderView> waiting = watch.await("o-3", null, OrderWatch.reached("SHIPPED"), Duration.ofSeconds(30));
        changed("o-3", "c-1", OrderStatus.PLACED, OrderStatus.REJECTED);
        assertThat(waiting.join().getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aCustomersOrdersAreListedNewestFirstAndOnlyConfirmedOrdersCountAsSales() {
        placed("o-4", "c-2", "SKU-1", 1);
        placed("o-5", "c-2", "SKU-2", 3);
        changed("o-5", "c-2", OrderStatus.PLACED, OrderStatus.CONFIRMED);

        CustomerOrders list = this.<CustomerOrders>store(QueryTopology.CUSTOMER_ORDERS_STORE).get("c-2");
        assertThat(list.getOrders()).extracting(OrderSummary::getOrderId).containsExactly("o-5", "o-4");
        assertThat(list.getOrders().get(0).getStatus()).isEqualTo("CONFIRMED");
        TopSellers top = this.<TopSellers>store(QueryTopology.TOP_SELLERS_STORE).get(QueryTopology.ALL);
        assertThat(top.getBuckets().values()).singleElement().satisfies(skus -> assertThat(skus).containsOnlyKeys("SKU-2"));
        topology.driver().advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(salesMoved.get()).isEqualTo(1);
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return topology.driver().getKeyValueStore(name);
    }

    private void placed(String orderId, String customer, String sku, int quantity) {
        Instant at = NOW.plusSeconds(placedCount++);
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customer).setLines(List.of(new OrderLine(1, sku, quantity, 100L)))
                .setTotalMinor(100L * quantity).setCurrency("EUR").setPlacedAt(at).build();
        orders.pipeInput(orderId, event(orderId, customer, placed, at), at);
    }

    private void changed(String orderId, String customer, OrderStatus from, OrderStatus to) {
        OrderStatusChanged changed = OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to).setReasonCode(null)
                .setReason(null).build();
        orders.pipeInput(orderId, event(orderId, customer, changed, NOW.plusSeconds(60)), NOW.plusSeconds(60));
    }

    private static OrderEvent event(String orderId, String customer, Object payload, Instant at) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setOrderId(orderId).setCorrelationId(orderId)
                .setCustomerId(customer).setPayload(payload).build();
    }
}

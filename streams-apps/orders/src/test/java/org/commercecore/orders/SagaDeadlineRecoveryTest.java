package org.commercecore.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.orders.internal.Status;
import org.commercecore.orders.views.OrderViews;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.schemas.inventory.StockReserved;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.RejectionReason;
import org.junit.jupiter.api.Test;

/**
 * The saga deadlines across a restart: they are kept in memory only, so the task's next owner
 * rebuilds them from the orders store as it starts. TopologyTestDriver wipes its state when it
 * closes, so (as PaymentProcessorRecoveryTest does) the aggregate is driven directly, on stores
 * that hold what an earlier run left, as a restore leaves them before the processor starts.
 */
class SagaDeadlineRecoveryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration CHECK = SagaDeadlines.checkInterval(DEADLINE);
    private static final Instant PLACED_AT = Instant.parse("2026-11-24T10:00:00Z");

    /** The orders store an earlier run left, by order id. */
    private final Map<String, OrderState> left = new HashMap<>();

    @Test
    void anOrderPlacedBeforeARestartStillTimesOutAfterIt() {
        placedByAnEarlierRun("o-1", PLACED_AT);
        Instant restart = PLACED_AT.plusSeconds(10);
        TaskRun restarted = new TaskRun(restart);

        restarted.checkAt(restart.plus(DEADLINE).minusMillis(1));
        assertThat(restarted.statuses()).as("a restarted task gives the replies in its input a whole deadline").isEmpty();
        restarted.checkAt(restart.plus(DEADLINE));

        assertThat(restarted.statuses()).singleElement().satisfies(s -> {
            assertThat(s.getReasonCode()).isEqualTo(RejectionReason.TIMEOUT);
            assertThat(s.getReason()).isEqualTo("no reply within 30s: payment, fraud check, stock line 1");
        });
        assertThat(restarted.orders.get("o-1").getStatus()).isEqualTo(Status.REJECTED);
    }

    @Test
    void anOrderWhoseDeadlinePassedWhileTheAppWasDownWaitsOneMoreDeadlineForTheRepliesQueuedMeanwhile() {
        placedByAnEarlierRun("o-1", PLACED_AT);
        Instant restart = PLACED_AT.plus(Duration.ofMinutes(10));
        TaskRun restarted = new TaskRun(restart);

        restarted.checkAt(restart.plus(CHECK));
        assertThat(restarted.events()).as("its replies may wait in the input the restarted task has yet to read").isEmpty();
        restarted.checkAt(restart.plus(DEADLINE));

        assertThat(restarted.events()).singleElement().satisfies(e -> {
            assertThat(((OrderStatusChanged) e.getPayload()).getReasonCode()).isEqualTo(RejectionReason.TIMEOUT);
            assertThat(e.getOccurredAt()).as("the check's time").isEqualTo(restart.plus(DEADLINE));
        });
    }

    @Test
    void onlyOrdersStillPlacedAreTakenBackUnderADeadline() {
        placedByAnEarlierRun("o-1", PLACED_AT);
        Order confirmed = placedByAnEarlierRun("o-2", PLACED_AT);
        confirmed.stockReply(StockReserved.newBuilder().setOrderId("o-2").setLineNo(1).setQuantity(1).setAvailableAfter(0)
                .build(), "reserved-o-2");
        confirmed.paymentReply(true, "PaymentAuthorized", "authorized-o-2");
        confirmed.fraudVerdict(true, "verdict-o-2");
        left.put("o-2", confirmed.state());
        TaskRun restarted = new TaskRun(PLACED_AT.plus(Duration.ofMinutes(10)));

        restarted.checkAt(PLACED_AT.plus(Duration.ofHours(1)));

        assertThat(restarted.events()).extracting(OrderEvent::getOrderId).containsExactly("o-1");
    }

    @Test
    void aTimeoutCheckedAgainByTheNextOwnerHasTheSameEventId() {
        placedByAnEarlierRun("o-1", PLACED_AT);
        TaskRun first = new TaskRun(PLACED_AT);
        first.checkAt(PLACED_AT.plus(DEADLINE).plus(CHECK));
        // the first owner's transaction never committed: the next owner starts from the same store
        TaskRun next = new TaskRun(PLACED_AT.plus(Duration.ofMinutes(2)));
        next.checkAt(PLACED_AT.plus(Duration.ofMinutes(2)).plus(DEADLINE));

        assertThat(next.events()).extracting(OrderEvent::getEventId)
                .containsExactlyElementsOf(first.events().stream().map(OrderEvent::getEventId).toList());
    }

    /** An order placed (one line) and not answered, as the earlier run stored it. */
    private Order placedByAnEarlierRun(String orderId, Instant placedAt) {
        Order order = Order.of(orderId, null);
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku("SKU-1").setQuantity(1).setUnitPriceMinor(1000).build();
        order.placed(OrderPlaced.newBuilder().setCustomerId("c-" + orderId).setLines(List.of(line)).setTotalMinor(1000)
                .setCurrency("EUR").setPlacedAt(placedAt).build(), UUID.randomUUID().toString(), placedAt);
        left.put(orderId, order.state());
        return order;
    }

    /** One owner of the task: restored stores holding what was left, and the aggregate initialized on them at {@code startedAt}. */
    private final class TaskRun {
        final MockProcessorContext<String, AggregateOutput> context = new MockProcessorContext<>();
        final KeyValueStore<String, OrderState> orders = store(OrdersTopology.ORDERS_STORE, InternalSerdes.avro(OrderState.class));

        TaskRun(Instant startedAt) {
            store(OrderViews.LEGACY_AMOUNTS_STORE, InternalSerdes.avro(OrderAmount.class));
            left.forEach((orderId, state) -> orders.put(orderId, OrderState.newBuilder(state).build()));
            context.setCurrentSystemTimeMs(startedAt.toEpochMilli());
            new OrderAggregate(new OrderMeters(new SimpleMeterRegistry()), DEADLINE).init(context);
        }

        /** The wall-clock punctuation, run at {@code at}. */
        void checkAt(Instant at) {
            context.setCurrentSystemTimeMs(at.toEpochMilli());
            assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
                assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
                assertThat(p.getInterval()).isEqualTo(CHECK);
                p.getPunctuator().punctuate(at.toEpochMilli());
            });
        }

        List<OrderEvent> events() {
            return context.forwarded().stream().map(f -> f.record().value())
                    .filter(AggregateOutput.Event.class::isInstance).map(o -> ((AggregateOutput.Event) o).event()).toList();
        }

        List<OrderStatusChanged> statuses() {
            return events().stream().map(OrderEvent::getPayload).filter(OrderStatusChanged.class::isInstance)
                    .map(OrderStatusChanged.class::cast).toList();
        }

        private <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
            KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            return store;
        }
    }
}

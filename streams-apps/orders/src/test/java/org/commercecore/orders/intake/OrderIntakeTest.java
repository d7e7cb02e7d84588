package org.commercecore.orders.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.commercecore.orders.OrdersApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.commercecore.orders.FraudLimits;
import org.commercecore.orders.OrdersTopology;
import org.commercecore.platform.cdc.ChangeRows;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderCommandKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives OrdersTopology.build with change rows of the orders and order_commands tables. */
class OrderIntakeTest {
    private static final String ORDER = "7d0c5bb8-2d8f-4d7e-9d39-4bb1f1d1a001";
    private static final String CUSTOMER = "0b6f7e8a-6a5c-4a39-8d55-0f5e1c2b3c01";
    private static final String LINES = """
            [{"line_no": 1, "sku": "KETTLE-1", "quantity": 2, "unit_price_minor": 2490},
             {"line_no": 2, "sku": "MUG-7", "quantity": 1, "unit_price_minor": 900}]""";

    @TempDir
    Path state;
    private TopologyTests topology;
    private ChangeRows orderRows;
    private ChangeRows commandRows;
    private TestInputTopic<GenericRecord, GenericRecord> orders;
    private TestInputTopic<GenericRecord, GenericRecord> commands;
    private TestOutputTopic<String, OrderEvent> events;
    private TestOutputTopic<String, OrderCommand> orderCommands;
    private TestOutputTopic<String, OrderStatusView> statuses;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state,
                serdes -> OrdersTopology.build(serdes, new FraudLimits(1_000_000, Duration.ofHours(1)), Duration.ofSeconds(30),
                        new SimpleMeterRegistry()));
        orderRows = ChangeRows.of(Topics.CDC_ORDERS.name(), ChangeRows.columns("id", "string", "customer_id", "string", "currency", "string",
                "total_minor", "long", "lines", "string", "placed_at", "string"), topology.registry());
        commandRows = ChangeRows.of(Topics.CDC_ORDER_COMMANDS.name(), ChangeRows.columns("id", "string", "order_id", "string", "kind", "string",
                "requested_by", "string", "reason", "string", "requested_at", "string"), topology.registry());
        orders = topology.input(Topics.CDC_ORDERS);
        commands = topology.input(Topics.CDC_ORDER_COMMANDS);
        events = topology.output(Topics.ORDER_EVENTS);
        orderCommands = topology.output(Topics.ORDER_COMMANDS);
        statuses = topology.output(Topics.ORDER_STATUS);
        deadLetters = topology.output(OrdersApp.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void anInsertedOrderRowBecomesOneOrderPlacedWithItsLinesAndTotal() {
        insertOrder(ORDER, LINES, 5880, 100);

        List<OrderEvent> placed = placedEvents();
        assertThat(placed).hasSize(1);
        OrderEvent event = placed.get(0);
        OrderPlaced payload = (OrderPlaced) event.getPayload();
        assertThat(event.getOrderId()).isEqualTo(ORDER);
        assertThat(event.getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(payload.getTotalMinor()).isEqualTo(5880);
        assertThat(payload.getCurrency()).isEqualTo("EUR");
        assertThat(payload.getPlacedAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(payload.getLines()).containsExactly(
                new OrderLine(1, "KETTLE-1", 2, 2490L), new OrderLine(2, "MUG-7", 1, 900L));
    }

    @Test
    void aRowSentAgainAfterAConnectorRestartOrANewSnapshotPlacesNoSecondOrder() {
        insertOrder(ORDER, LINES, 5880, 100);
        orders.pipeInput(orderRows.key(ORDER), orderRow("c", ORDER, LINES, 5880, 100));
        orders.pipeInput(orderRows.key(ORDER), orderRow("r", ORDER, LINES, 5880, 100));

        assertThat(placedEvents()).hasSize(1);
    }

    @Test
    void thePlacedOrderIsReadBackFromTheLogAndItsStatusViewSaysPlaced() {
        insertOrder(ORDER, LINES, 5880, 100);

        List<OrderStatusView> views = statuses.readValuesToList();
        assertThat(views).extracting(OrderStatusView::getStatus).containsExactly("PLACED");
        assertThat(views.get(0).getOrderId()).isEqualTo(ORDER);
        assertThat(views.get(0).getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(views.get(0).getTotalMinor()).isEqualTo(5880);
        assertThat(views.get(0).getEventId()).isEqualTo(placedEvents().get(0).getEventId());
    }

    @Test
    void anUpdateOrDeleteOfAnOrderRowPlacesNothing() {
        orders.pipeInput(orderRows.key(ORDER), orderRow("u", ORDER, LINES, 5880, 100));
        orders.pipeInput(orderRows.key(ORDER), orderRow("d", ORDER, LINES, 5880, 101));

        assertThat(placedEvents()).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRowWhoseLinesCannotBeReadIsDeadLetteredNamingTheColumnAndTheNextRowGoesThrough() {
        String broken = "8e1d6cc9-3e9f-4e8f-8e4a-5cc2f2e2b002";
        insertOrder(broken, "[{\"line_no\": 1, \"sku\": \"KETTLE-1\", \"unit_price_minor\": 2490}]", 4980, 100);
        insertOrder(ORDER, LINES, 5880, 101);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PROCESSING);
        assertThat(letter.getOriginalTopic()).isEqualTo(Topics.CDC_ORDERS.name());
        assertThat(letter.getErrorMessage()).endsWith("orders row " + broken + ": lines[0].quantity is missing, not an integer");
        assertThat(placedEvents()).extracting(OrderEvent::getOrderId).containsExactly(ORDER);
    }

    @Test
    void aRowThatIsNotJsonIsDeadLettered() {
        insertOrder(ORDER, "[{\"line_no\": 1,", 100, 100);

        assertThat(deadLetters.readValue().getErrorMessage()).contains("orders row " + ORDER + ": lines is not JSON");
        assertThat(placedEvents()).isEmpty();
    }

    @Test
    void cancelAndShipRequestsBecomeCommandsOnceEach() {
        String cancel = "5a4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d01";
        Map<String, Object> row = Map.of("id", cancel, "order_id", ORDER, "kind", "CANCEL", "requested_by", CUSTOMER,
                "reason", "changed my mind", "requested_at", "2026-11-25T10:16:00Z");
        commands.pipeInput(commandRows.key(cancel), commandRows.change("c", 200, row));
        commands.pipeInput(commandRows.key(cancel), commandRows.change("r", 200, row));

        List<OrderCommand> sent = orderCommands.readValuesToList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getKind()).isEqualTo(OrderCommandKind.CANCEL);
        assertThat(sent.get(0).getOrderId()).isEqualTo(ORDER);
        assertThat(sent.get(0).getReason()).isEqualTo("changed my mind");
    }

    @Test
    void aRequestOfUnknownKindIsDeadLettered() {
        String id = "5a4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d02";
        commands.pipeInput(commandRows.key(id), commandRows.change("c", 201, Map.of("id", id, "order_id", ORDER,
                "kind", "REFUND", "requested_at", "2026-11-25T10:16:00Z")));

        assertThat(deadLetters.readValue().getErrorMessage()).endsWith("order_commands row " + id + ": kind is REFUND, not CANCEL or SHIP");
        assertThat(orderCommands.isEmpty()).isTrue();
    }

    private void insertOrder(String id, String lines, long total, long lsn) {
        orders.pipeInput(orderRows.key(id), orderRow("c", id, lines, total, lsn));
    }

    private GenericRecord orderRow(String op, String id, String lines, long total, long lsn) {
        return orderRows.change(op, lsn, Map.of("id", id, "customer_id", CUSTOMER, "currency", "EUR", "total_minor", total,
                "lines", lines, "placed_at", "2026-11-25T10:15:30.123Z"));
    }

    private List<OrderEvent> placedEvents() {
        return events.readValuesToList().stream().filter(e -> e.getPayload() instanceof OrderPlaced).toList();
    }

}

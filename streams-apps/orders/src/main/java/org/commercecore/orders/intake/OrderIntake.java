package org.commercecore.orders.intake;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.commercecore.platform.cdc.ChangeIntake;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;

/**
 * The write side's way into the saga:
 * <pre>
 * cdc.public.orders         --order-intake (once per row)--------> orders.events.v1   (OrderPlaced)
 * cdc.public.order_commands --order-command-intake (once per row)--> orders.commands.v1 (CANCEL, SHIP)
 * </pre>
 * Each row is published exactly once, even when Debezium sends it again after a restart: the
 * stores below remember the published rows, and under exactly-once they commit with the output.
 * The CDC topics are keyed by the row's primary key, so no repartition is needed for that.
 */
public final class OrderIntake {
    public static final String PLACED_ROWS_STORE = "order-intake-placed";
    public static final String COMMAND_ROWS_STORE = "order-intake-commands";

    private OrderIntake() {
    }

    public static void addTo(StreamsBuilder builder, AvroSerdes serdes) {
        builder.addStateStore(ChangeIntake.seenRowsStore(PLACED_ROWS_STORE));
        builder.addStateStore(ChangeIntake.seenRowsStore(COMMAND_ROWS_STORE));

        builder.stream(Topics.CDC_ORDERS.name(), Topics.CDC_ORDERS.consumed(serdes))
                .process(ChangeIntake.oncePerRow("orders", PLACED_ROWS_STORE, OrderRows::placed),
                        Named.as("order-intake"), PLACED_ROWS_STORE)
                .to(Topics.ORDER_EVENTS.name(), Topics.ORDER_EVENTS.produced(serdes));

        builder.stream(Topics.CDC_ORDER_COMMANDS.name(), Topics.CDC_ORDER_COMMANDS.consumed(serdes))
                .process(ChangeIntake.oncePerRow("order_commands", COMMAND_ROWS_STORE, OrderCommandRows::command),
                        Named.as("order-command-intake"), COMMAND_ROWS_STORE)
                .to(Topics.ORDER_COMMANDS.name(), Topics.ORDER_COMMANDS.produced(serdes));
    }
}

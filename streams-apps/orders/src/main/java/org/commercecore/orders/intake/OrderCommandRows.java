package org.commercecore.orders.intake;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.orders.OrderCommand;
import org.commercecore.schemas.orders.OrderCommandKind;

/**
 * A row of {@code order_commands} (a cancel or ship request) as an OrderCommand keyed by its
 * order. Requests are facts: only a new row is a request; edits of old rows are ignored.
 */
final class OrderCommandRows {
    private OrderCommandRows() {
    }

    static Optional<KeyValue<String, OrderCommand>> command(ChangeRow row) {
        if (!row.operation().isNewRow()) {
            return Optional.empty();
        }
        String commandId = row.requiredString("id");
        String orderId = row.requiredString("order_id");
        OrderCommand command = OrderCommand.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("order_commands/" + commandId).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(row.requiredInstant("requested_at"))
                .setOrderId(orderId)
                .setCorrelationId(orderId)
                .setKind(kind(row.requiredString("kind")))
                .setRequestedBy(row.optionalString("requested_by").orElse(null))
                .setReason(row.optionalString("reason").orElse(null))
                .build();
        return Optional.of(KeyValue.pair(orderId, command));
    }

    private static OrderCommandKind kind(String kind) {
        if (!kind.equals("CANCEL") && !kind.equals("SHIP")) {
            throw new MalformedRowException("kind is " + kind + ", not CANCEL or SHIP");
        }
        return OrderCommandKind.valueOf(kind);
    }
}

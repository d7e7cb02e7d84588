package org.commercecore.orders.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A row of the {@code orders} table (lines as a JSON array in the row) as the order's
 * OrderPlaced event. Only a new row places an order: orders are written once, so an update or a
 * delete made in PostgreSQL by hand is logged and not applied (the saga, not the table, owns an
 * order's status). Whether the order makes sense (quantities, total) is the aggregate's to decide;
 * here a row is only refused when it cannot be read.
 */
final class OrderRows {
    private static final Logger LOG = LoggerFactory.getLogger(OrderRows.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderRows() {
    }

    static Optional<KeyValue<String, OrderEvent>> placed(ChangeRow row) {
        String orderId = row.requiredString("id");
        if (!row.operation().isNewRow()) {
            LOG.warn("orders row {} was {}d in PostgreSQL; orders are written once, so the change is not applied",
                    orderId, row.operation().name().toLowerCase());
            return Optional.empty();
        }
        String customerId = row.requiredString("customer_id");
        OrderPlaced placed = OrderPlaced.newBuilder()
                .setCustomerId(customerId)
                .setLines(lines(row.requiredString("lines")))
                .setTotalMinor(row.requiredLong("total_minor"))
                .setCurrency(row.requiredString("currency"))
                .setPlacedAt(row.requiredInstant("placed_at"))
                .build();
        OrderEvent event = OrderEvent.newBuilder()
                // one event per order, whoever re-reads the row: the id derives from the order's
                .setEventId(UUID.nameUUIDFromBytes(("orders/" + orderId + "/placed").getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(placed.getPlacedAt())
                .setOrderId(orderId)
                .setCorrelationId(orderId)
                .setCustomerId(customerId)
                .setPayload(placed)
                .build();
        return Optional.of(KeyValue.pair(orderId, event));
    }

    private static List<OrderLine> lines(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedRowException("lines is not JSON: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray()) {
            throw new MalformedRowException("lines is not a JSON array");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode line = array.get(i);
            String at = "lines[" + i + "].";
            lines.add(OrderLine.newBuilder()
                    .setLineNo(integer(line, at, "line_no"))
                    .setSku(text(line, at, "sku"))
                    .setQuantity(integer(line, at, "quantity"))
                    .setUnitPriceMinor(whole(line, at, "unit_price_minor"))
                    .build());
        }
        return lines;
    }

    private static int integer(JsonNode line, String at, String field) {
        JsonNode v = line.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new MalformedRowException(at + field + " is " + describe(v) + ", not an integer");
        }
        return v.intValue();
    }

    private static long whole(JsonNode line, String at, String field) {
        JsonNode v = line.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new MalformedRowException(at + field + " is " + describe(v) + ", not a whole number of minor units");
        }
        return v.longValue();
    }

    private static String text(JsonNode line, String at, String field) {
        JsonNode v = line.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new MalformedRowException(at + field + " is " + describe(v) + ", not a non-empty string");
        }
        return v.asText();
    }

    private static String describe(JsonNode v) {
        return v == null ? "missing" : v.toString();
    }
}

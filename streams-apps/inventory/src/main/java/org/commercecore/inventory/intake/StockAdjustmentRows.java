package org.commercecore.inventory.intake;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;

/** A row of {@code stock_adjustments} as a StockAdjustment keyed by SKU. Adjustments are facts: only new rows count. */
final class StockAdjustmentRows {
    private StockAdjustmentRows() {
    }

    static Optional<KeyValue<String, StockAdjustment>> adjustment(ChangeRow row) {
        if (!row.operation().isNewRow()) {
            return Optional.empty();
        }
        String id = row.requiredString("id");
        String sku = row.requiredString("sku");
        StockAdjustment adjustment = StockAdjustment.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("stock_adjustments/" + id).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(row.requiredInstant("created_at"))
                .setSku(sku)
                .setAdjustmentId(id)
                .setQuantityDelta(row.requiredInt("quantity_delta"))
                .setReason(reason(row.requiredString("reason")))
                .setLowStockThreshold(row.optionalInt("low_stock_threshold").orElse(null))
                .setNote(row.optionalString("note").orElse(null))
                .build();
        return Optional.of(KeyValue.pair(sku, adjustment));
    }

    private static AdjustmentReason reason(String reason) {
        try {
            AdjustmentReason r = AdjustmentReason.valueOf(reason);
            if (r != AdjustmentReason.UNKNOWN) {
                return r;
            }
        } catch (IllegalArgumentException notASymbol) {
            // reported below
        }
        throw new MalformedRowException("reason is " + reason + ", not one of INITIAL, RESTOCK, CORRECTION, DAMAGE, RETURN");
    }
}

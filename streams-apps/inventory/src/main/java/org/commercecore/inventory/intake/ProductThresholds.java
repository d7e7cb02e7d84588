package org.commercecore.inventory.intake;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;

/**
 * A product's low-stock threshold, kept in the {@code products} table, reaches inventory as a
 * StockAdjustment of 0 units carrying the new threshold, and only when the threshold changed: a
 * price or name change, or a row sent again, adjusts nothing. The last threshold sent per SKU is
 * kept in a store (the change rows carry the new row only).
 */
final class ProductThresholds implements Processor<GenericRecord, GenericRecord, String, StockAdjustment> {
    private ProcessorContext<String, StockAdjustment> context;
    private KeyValueStore<String, Integer> sent;

    @Override
    public void init(ProcessorContext<String, StockAdjustment> context) {
        this.context = context;
        this.sent = context.getStateStore(StockIntake.THRESHOLDS_STORE);
    }

    @Override
    public void process(Record<GenericRecord, GenericRecord> record) {
        ChangeRow row = ChangeRow.of(record.value()).orElse(null);
        if (row == null || row.deleted()) {
            return; // a deleted product keeps its stock record; nothing to adjust
        }
        String sku;
        int threshold;
        try {
            sku = row.requiredString("sku");
            threshold = row.requiredInt("low_stock_threshold");
        } catch (MalformedRowException e) {
            throw e.in("products", row.optionalString("sku").orElse("(no sku)"));
        }
        Integer previous = sent.get(sku);
        if (previous != null && previous == threshold) {
            return;
        }
        String identity = "products/" + sku + "/threshold/" + row.lsn();
        StockAdjustment adjustment = StockAdjustment.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(row.requiredInstant("updated_at"))
                .setSku(sku)
                .setAdjustmentId(identity)
                .setQuantityDelta(0)
                .setReason(AdjustmentReason.CORRECTION)
                .setLowStockThreshold(threshold)
                .setNote("low-stock threshold set on the product")
                .build();
        sent.put(sku, threshold);
        context.forward(new Record<>(sku, adjustment, record.timestamp()));
    }
}

package org.commercecore.inventory.intake;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.platform.cdc.ChangeIntake;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;

/**
 * The write side's way into inventory:
 * <pre>
 * cdc.public.stock_adjustments --stock-adjustment-intake (once per row)----> stock.adjustments.v1
 * cdc.public.products          --product-thresholds (when it changed)------> stock.adjustments.v1
 * </pre>
 * stock.adjustments.v1 is what the stock ledger applies; it is keyed by SKU, so the ledger stays
 * the single writer of each SKU.
 */
public final class StockIntake {
    public static final String ADJUSTMENT_ROWS_STORE = "inventory-intake-adjustments";
    public static final String THRESHOLDS_STORE = "inventory-intake-thresholds";

    private StockIntake() {
    }

    public static void addTo(StreamsBuilder builder, AvroSerdes serdes) {
        builder.addStateStore(ChangeIntake.seenRowsStore(ADJUSTMENT_ROWS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(THRESHOLDS_STORE),
                Serdes.String(), Serdes.Integer()));

        builder.stream(Topics.CDC_STOCK_ADJUSTMENTS.name(), Topics.CDC_STOCK_ADJUSTMENTS.consumed(serdes))
                .process(ChangeIntake.oncePerRow("stock_adjustments", ADJUSTMENT_ROWS_STORE, StockAdjustmentRows::adjustment),
                        Named.as("stock-adjustment-intake"), ADJUSTMENT_ROWS_STORE)
                .to(Topics.STOCK_ADJUSTMENTS.name(), Topics.STOCK_ADJUSTMENTS.produced(serdes));

        builder.stream(Topics.CDC_PRODUCTS.name(), Topics.CDC_PRODUCTS.consumed(serdes))
                .process(ProductThresholds::new, Named.as("product-thresholds"), THRESHOLDS_STORE)
                .to(Topics.STOCK_ADJUSTMENTS.name(), Topics.STOCK_ADJUSTMENTS.produced(serdes));
    }
}

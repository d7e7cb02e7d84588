package org.commercecore.query.views;

import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.commercecore.platform.cdc.ChangeRow;

/** A products row as the card part of a product's view; a deleted product keeps its last card. */
final class CatalogRows {
    private CatalogRows() {
    }

    static Optional<ProductView> card(GenericRecord value) {
        Optional<ChangeRow> row = ChangeRow.of(value);
        if (row.isEmpty() || row.get().deleted()) {
            return Optional.empty();
        }
        ChangeRow r = row.get();
        return Optional.of(ProductView.newBuilder().setSku(r.requiredString("sku")).setName(r.requiredString("name"))
                .setPriceMinor(r.requiredLong("price_minor")).setCurrency(r.requiredString("currency"))
                .setLowStockThreshold(r.requiredInt("low_stock_threshold")).build());
    }
}

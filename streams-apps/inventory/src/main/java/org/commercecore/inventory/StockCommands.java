package org.commercecore.inventory;

import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.inventory.internal.StockCommandKind;
import org.commercecore.schemas.inventory.StockAdjustment;

/** Stock adjustments as stock commands, so the ledger applies every change to a SKU in one place. */
final class StockCommands {
    private StockCommands() {
    }

    static StockCommand adjust(StockAdjustment adjustment) {
        return StockCommand.newBuilder()
                .setKind(StockCommandKind.ADJUST)
                .setSku(adjustment.getSku())
                .setOrderId(null)
                .setLineNo(null)
                .setQuantity(adjustment.getQuantityDelta())
                .setReleaseCause(null)
                .setLowStockThreshold(adjustment.getLowStockThreshold())
                .setSourceEventId(adjustment.getEventId().toString())
                .build();
    }
}

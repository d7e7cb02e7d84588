package org.commercecore.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.commercecore.schemas.inventory.InventoryEvent;

/**
 * Stock events as {@code commerce.inventory.events{kind}}: reserved, reservation_rejected,
 * released, committed and low_stock_alert, one kind per payload record. Counted as
 * they leave the ledger; a task that aborts counts its reprocessed events again.
 */
final class InventoryMeters {
    static final String EVENTS = "commerce.inventory.events";

    private final MeterRegistry meters;

    InventoryMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(InventoryEvent event) {
        Counter.builder(EVENTS).description("Inventory events published, by kind (low_stock_alert: a stock alert)")
                .tag("kind", kind(event.getPayload())).register(meters).increment();
    }

    /** StockReservationRejected becomes reservation_rejected, LowStockAlert low_stock_alert. */
    static String kind(Object payload) {
        String name = payload.getClass().getSimpleName().replaceFirst("^Stock(?=[A-Z])", "");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

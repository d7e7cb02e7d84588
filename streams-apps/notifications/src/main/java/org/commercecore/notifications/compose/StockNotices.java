package org.commercecore.notifications.compose;

import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.LowStockAlert;
import org.commercecore.schemas.notifications.NotificationKind;

/** inventory.events.v1's low-stock alerts as notices to every admin; the other stock events are the saga's business. */
final class StockNotices implements Processor<String, InventoryEvent, String, Notice> {
    private ProcessorContext<String, Notice> context;

    @Override
    public void init(ProcessorContext<String, Notice> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, InventoryEvent> record) {
        InventoryEvent event = record.value();
        if (event == null || !(event.getPayload() instanceof LowStockAlert alert)) {
            return;
        }
        context.forward(record.withKey(event.getSku()).withValue(Notice.forAdmins(NotificationKind.LOW_STOCK,
                event.getEventId().toString(), event.getOccurredAt().toEpochMilli(), Map.of(
                        "sku", event.getSku(),
                        "available", Integer.toString(alert.getAvailable()),
                        "threshold", Integer.toString(alert.getThreshold())))));
    }
}

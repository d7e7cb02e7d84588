package org.commercecore.inventory;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.inventory.internal.StockCommand;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;
import org.commercecore.schemas.inventory.InventoryEvent;

/**
 * Applies stock commands to the SKU's position (keyed by SKU) and publishes what happened:
 * reserved, rejected, released, committed, and a low-stock alert when available stock crosses
 * below the threshold (once per crossing, not once per order). The SKU's level (store
 * {@link InventoryTopology#STOCK_STORE}) keeps the reserved total; each open reservation is an
 * entry of its own in {@link InventoryTopology#RESERVATIONS_STORE}, keyed by SKU, order and line.
 */
final class StockLedger implements Processor<String, StockCommand, String, InventoryEvent> {
    private ProcessorContext<String, InventoryEvent> context;
    private KeyValueStore<String, StockLevel> stock;
    private KeyValueStore<String, StockReservation> reservations;

    @Override
    public void init(ProcessorContext<String, InventoryEvent> context) {
        this.context = context;
        this.stock = context.getStateStore(InventoryTopology.STOCK_STORE);
        this.reservations = context.getStateStore(InventoryTopology.RESERVATIONS_STORE);
    }

    @Override
    public void process(Record<String, StockCommand> record) {
        StockCommand command = record.value();
        if (!Objects.equals(record.key(), command.getSku())) {
            // a command on another SKU's partition would bypass that SKU's single writer
            throw new InvalidStockCommandException("stock command for " + command.getSku() + " arrived under key " + record.key());
        }
        StockPosition position = StockPosition.of(command.getSku(), stock.get(command.getSku()), reservations::get);
        boolean wasLow = position.isLow();
        StockPosition.Outcome outcome = switch (command.getKind()) {
            case RESERVE -> position.reserve(command.getOrderId(), command.getLineNo(), command.getQuantity());
            case RELEASE -> position.release(command.getOrderId(), command.getLineNo());
            case COMMIT -> position.commit(command.getOrderId(), command.getLineNo());
            case ADJUST -> position.adjust(command.getQuantity(), command.getLowStockThreshold());
            default -> throw new InvalidStockCommandException("unknown stock command kind " + command.getKind());
        };
        // state first, output after: if anything above threw, neither happened
        position.reservationWrites().forEach((key, reservation) -> {
            if (reservation == null) {
                reservations.delete(key);
            } else {
                reservations.put(key, reservation);
            }
        });
        stock.put(command.getSku(), position.toLevel());
        InventoryEvents.of(command, outcome, record.timestamp())
                .ifPresent(event -> context.forward(record.withValue(event)));
        if (!wasLow && position.isLow()) {
            context.forward(record.withValue(InventoryEvents.lowStock(command, position, record.timestamp())));
        }
    }
}

package org.commercecore.query.views;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.inventory.StockCommitted;
import org.commercecore.schemas.inventory.StockReleased;
import org.commercecore.schemas.inventory.StockReserved;

/**
 * A product's card (from the catalog) and stock, keyed by SKU. Stock follows what the inventory
 * ledger published: adjustments add to on-hand, reservations and releases move units in and out
 * of reserved, a commit (shipping) takes them out of both. An adjustment the ledger refused (and
 * dead-lettered) is the one case this view would count and the ledger would not.
 */
final class ProductViewUpdater implements Processor<String, Object, Void, Void> {
    private KeyValueStore<String, ProductView> products;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        products = context.getStateStore(QueryTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        String sku = record.key();
        ProductView current = products.get(sku);
        ProductView.Builder view = current == null ? ProductView.newBuilder().setSku(sku) : ProductView.newBuilder(current);
        Object event = record.value();
        if (event instanceof ProductView catalog) {
            view.setName(catalog.getName()).setPriceMinor(catalog.getPriceMinor()).setCurrency(catalog.getCurrency())
                    .setLowStockThreshold(catalog.getLowStockThreshold());
        } else if (event instanceof StockAdjustment a) {
            view.setOnHand(view.getOnHand() + a.getQuantityDelta());
            if (a.getLowStockThreshold() != null) {
                view.setLowStockThreshold(a.getLowStockThreshold());
            }
        } else if (event instanceof InventoryEvent e) {
            Object payload = e.getPayload();
            if (payload instanceof StockReserved r) {
                view.setReserved(view.getReserved() + r.getQuantity());
            } else if (payload instanceof StockReleased r) {
                view.setReserved(view.getReserved() - r.getQuantity());
            } else if (payload instanceof StockCommitted c) {
                view.setReserved(view.getReserved() - c.getQuantity()).setOnHand(view.getOnHand() - c.getQuantity());
            } else {
                return;
            }
        }
        products.put(sku, view.setUpdatedAt(Math.max(view.getUpdatedAt(), record.timestamp())).build());
    }
}

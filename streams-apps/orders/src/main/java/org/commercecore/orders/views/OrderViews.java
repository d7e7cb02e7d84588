package org.commercecore.orders.views;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * Flat views of the orders for consumers that want state, not events (the JDBC sink, SQL users):
 * <pre>
 * order-aggregate --status views--> orders.status.v1 --by day/currency--> daily-order-totals --> orders.daily-totals.v1
 * </pre>
 * The aggregate publishes each status view in the transaction that publishes the event, so the
 * view follows the order's events in their order and costs no hop of its own.
 */
public final class OrderViews {
    /**
     * Where builds before the aggregate kept an order's total stored it (written by the status view
     * those builds ran). Now only read: the aggregate takes an order's total from it into the order's
     * own state on the order's next input. It can go once no order placed before the upgrade is open.
     */
    public static final String LEGACY_AMOUNTS_STORE = "order-status-amounts";
    public static final String DAILY_TOTALS_STORE = "daily-order-totals";

    private OrderViews() {
    }

    public static StoreBuilder<KeyValueStore<String, OrderAmount>> legacyAmountsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEGACY_AMOUNTS_STORE), Serdes.String(),
                InternalSerdes.avro(OrderAmount.class));
    }

    public static void addTo(KStream<String, OrderStatusView> statuses, AvroSerdes serdes) {
        statuses.to(Topics.ORDER_STATUS.name(), Topics.ORDER_STATUS.produced(serdes));

        statuses.groupBy((orderId, view) -> DailyTotals.key(view),
                        Grouped.with("status-by-day", Serdes.String(), InternalSerdes.avro(OrderStatusView.class)))
                .aggregate(() -> null, (day, view, totals) -> DailyTotals.add(view, totals), Named.as("daily-totals"),
                        Materialized.<String, DailyOrderTotals>as(Stores.persistentKeyValueStore(DAILY_TOTALS_STORE))
                                .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.avro(DailyOrderTotals.class)))
                .toStream(Named.as("daily-totals-changes"))
                .to(Topics.ORDER_DAILY_TOTALS.name(), Topics.ORDER_DAILY_TOTALS.produced(serdes));
    }
}

package org.commercecore.orders.views;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.commercecore.orders.internal.OrderAmount;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.serde.InternalSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.DailyOrderTotals;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * Flat views of the orders for consumers that want state, not events (the JDBC sink, SQL users):
 * <pre>
 * orders.events.v1 --status-view--> orders.status.v1 --by day/currency--> daily-order-totals --> orders.daily-totals.v1
 * </pre>
 * Both are built from the events as read back from the log, so they follow each order's events in
 * the order they were committed.
 */
public final class OrderViews {
    public static final String AMOUNTS_STORE = "order-status-amounts";
    public static final String DAILY_TOTALS_STORE = "daily-order-totals";

    private OrderViews() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, OrderEvent> events, AvroSerdes serdes) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AMOUNTS_STORE), Serdes.String(),
                InternalSerdes.avro(OrderAmount.class)));
        KStream<String, OrderStatusView> statuses = events.process(StatusView::new, Named.as("status-view"), AMOUNTS_STORE);
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

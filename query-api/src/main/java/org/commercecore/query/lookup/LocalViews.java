package org.commercecore.query.lookup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.commercecore.query.views.CustomerOrders;
import org.commercecore.query.views.OrderView;
import org.commercecore.query.views.OrderWatch;
import org.commercecore.query.views.ProductView;
import org.commercecore.query.views.TopSellers;
import org.commercecore.query.views.QueryTopology;

/**
 * Answers a lookup from this instance's own stores: the active copy, or (asked to) a standby copy;
 * only what the asker may see ({@link ViewAccess}), for lookups of this instance's API and of other
 * instances alike.
 */
public final class LocalViews implements LocalAnswers {
    private final KafkaStreams streams;
    private final OrderWatch watch;

    public LocalViews(KafkaStreams streams, OrderWatch watch) {
        this.streams = streams;
        this.watch = watch;
    }

    @Override
    public CompletableFuture<Lookup.Answer> answer(Asker asker, Lookup lookup) {
        return ViewAccess.guard(asker, lookup, question -> read(asker, question));
    }

    private CompletableFuture<Lookup.Answer> read(Asker asker, Lookup lookup) {
        String servedBy = lookup.stale() ? "standby" : "active";
        long lag = lookup.stale() ? lag(lookup.view().store(), lookup.key()) : 0;
        return switch (lookup.view()) {
            case ORDER -> order(asker, lookup, servedBy, lag);
            case CUSTOMER_ORDERS -> {
                CustomerOrders orders = this.<CustomerOrders>store(QueryTopology.CUSTOMER_ORDERS_STORE, lookup.key(), lookup.stale()).get(lookup.key());
                yield now(orders == null ? null : ViewJson.customerOrders(orders), servedBy, lag);
            }
            case PRODUCT -> {
                ProductView product = this.<ProductView>store(QueryTopology.PRODUCTS_STORE, lookup.key(), lookup.stale()).get(lookup.key());
                yield now(product == null ? null : ViewJson.product(product), servedBy, lag);
            }
            case TOP_SELLERS -> {
                TopSellers top = this.<TopSellers>store(QueryTopology.TOP_SELLERS_STORE, QueryTopology.ALL, lookup.stale()).get(QueryTopology.ALL);
                yield now(ViewJson.topSellers(top, Duration.ofMinutes(lookup.windowMinutes()), System.currentTimeMillis()), servedBy, lag);
            }
        };
    }

    private static CompletableFuture<Lookup.Answer> now(String json, String servedBy, long lag) {
        return CompletableFuture.completedFuture(new Lookup.Answer(json, servedBy, lag, false));
    }

    /**
     * A wait ends early only on a view the asker may see: someone else's order that has reached the
     * status must not answer sooner than a missing one would, or the time of the 404 would tell that
     * it exists and when it moved. Such a wait lasts its whole timeout and is then refused (ViewAccess).
     */
    private CompletableFuture<Lookup.Answer> order(Asker asker, Lookup lookup, String servedBy, long lag) {
        ReadOnlyKeyValueStore<String, OrderView> orders = store(QueryTopology.ORDERS_STORE, lookup.key(), lookup.stale());
        OrderView current = visible(orders.get(lookup.key()));
        if (lookup.waitFor() == null) {
            return CompletableFuture.completedFuture(answer(current, servedBy, lag, false));
        }
        Predicate<OrderView> done = OrderWatch.reached(lookup.waitFor()).and(view -> asker.mayAccess(String.valueOf(view.getCustomerId())));
        if (lookup.stale()) { // a standby tells whether its copy is there yet; it cannot wait
            boolean reached = current != null && done.test(current);
            return CompletableFuture.completedFuture(answer(current, servedBy, lag, reached));
        }
        return watch.await(lookup.key(), current, done, Duration.ofMillis(lookup.timeoutMillis()))
                .thenApply(reached -> reached != null ? answer(reached, servedBy, 0, true)
                        : answer(visible(orders.get(lookup.key())), servedBy, 0, false));
    }

    private static Lookup.Answer answer(OrderView view, String servedBy, long lag, boolean waited) {
        return new Lookup.Answer(view == null ? null : ViewJson.order(view), servedBy, lag, waited);
    }

    /** A view exists for readers once its order has been placed (stock or payment replies may come first). */
    private static OrderView visible(OrderView view) {
        return view == null || view.getCustomerId() == null ? null : view;
    }

    /**
     * The store of the key's partition only. Asked for all of this instance's partitions, Kafka
     * Streams answers null for a key whose partition has just been revoked in a rebalance (a
     * QueryInstanceRestartIT run saw existing orders answered 404): asked for the one partition, it
     * throws InvalidStateStoreException, which tells the asker to look again where the key went.
     */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, String key, boolean stale) {
        int partition = streams.queryMetadataForKey(name, key, Serdes.String().serializer()).partition();
        if (partition < 0) {
            throw new InvalidStateStoreException("the partitions of " + name + " are being rebalanced");
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(name, QueryableStoreTypes.keyValueStore())
                        .withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    /** Offsets this instance's copy of the key's partition is behind (-1 when not known). */
    private long lag(String store, String key) {
        int partition = streams.queryMetadataForKey(store, key, Serdes.String().serializer()).partition();
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        LagInfo info = lags.get(partition);
        return info == null ? -1 : info.offsetLag();
    }
}

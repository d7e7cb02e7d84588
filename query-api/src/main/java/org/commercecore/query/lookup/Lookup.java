package org.commercecore.query.lookup;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import org.commercecore.query.views.QueryTopology;

/**
 * One question to the instance holding a key, and its answer; what travels over gRPC between
 * instances (as JSON: the components by name, the view by its wire name). Made by the factory of
 * its kind ({@link #order}, {@link #orderReaching}, {@link #customerOrders}, {@link #product},
 * {@link #topSellers}), so a caller never spells out the fields its kind does not use.
 *
 * @param waitFor an order status to wait for (null: answer now)
 * @param stale read a standby's copy (when the active owner cannot answer)
 * @param windowMinutes for top-sellers: the window to rank over
 */
public record Lookup(View view, String key, String waitFor, long timeoutMillis, boolean stale, long windowMinutes) {

    /** What is looked up, and the store holding it. */
    public enum View {
        ORDER("order", QueryTopology.ORDERS_STORE),
        CUSTOMER_ORDERS("customer-orders", QueryTopology.CUSTOMER_ORDERS_STORE),
        PRODUCT("product", QueryTopology.PRODUCTS_STORE),
        TOP_SELLERS("top-sellers", QueryTopology.TOP_SELLERS_STORE);

        private final String wireName;
        private final String store;

        View(String wireName, String store) {
            this.wireName = wireName;
            this.store = store;
        }

        /** The name peers exchange; Jackson writes and reads the view by it. */
        @JsonValue
        String wireName() {
            return wireName;
        }

        String store() {
            return store;
        }
    }

    /** An order's view as it is now. */
    public static Lookup order(String orderId) {
        return new Lookup(View.ORDER, orderId, null, 0, false, 0);
    }

    /** An order's view once it has reached {@code status}, or as it is when {@code timeout} has passed. */
    public static Lookup orderReaching(String orderId, String status, Duration timeout) {
        return new Lookup(View.ORDER, orderId, status, timeout.toMillis(), false, 0);
    }

    /** A customer's orders, newest first (paging is the API's business, not the view's). */
    public static Lookup customerOrders(String customerId) {
        return new Lookup(View.CUSTOMER_ORDERS, customerId, null, 0, false, 0);
    }

    public static Lookup product(String sku) {
        return new Lookup(View.PRODUCT, sku, null, 0, false, 0);
    }

    /** The best sellers over the last {@code windowMinutes}; one view for the whole catalog. */
    public static Lookup topSellers(long windowMinutes) {
        return new Lookup(View.TOP_SELLERS, QueryTopology.ALL, null, 0, false, windowMinutes);
    }

    /**
     * The same question put to a standby copy. It answers at once (waits end on the active copy's
     * processing, which a standby does not run) and says whether the copy has reached what a wait asked for.
     */
    Lookup onStandby() {
        return new Lookup(view, key, waitFor, 0, true, windowMinutes);
    }

    /** The same question with what is left of a wait's time. */
    Lookup waitingAtMost(long millis) {
        return new Lookup(view, key, waitFor, millis, stale, windowMinutes);
    }

    /**
     * @param json the view as the API shows it, or null when there is none
     * @param servedBy {@code active} or {@code standby}
     * @param lagOffsets how far behind the serving copy is (0 for the active one)
     * @param waited for a wait: whether the status was reached before the timeout
     */
    public record Answer(String json, String servedBy, long lagOffsets, boolean waited) {
        public boolean found() {
            return json != null;
        }
    }
}

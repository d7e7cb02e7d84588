package org.commercecore.query.lookup;

import org.commercecore.query.views.QueryTopology;

/**
 * One question to the instance holding a key, and its answer; what travels over gRPC between
 * instances (as JSON).
 *
 * @param view {@code order}, {@code customer-orders}, {@code product} or {@code top-sellers}
 * @param waitFor an order status to wait for (null: answer now)
 * @param stale read a standby's copy (when the active owner cannot answer)
 * @param windowMinutes for top-sellers: the window to rank over
 */
public record Lookup(String view, String key, String waitFor, long timeoutMillis, boolean stale, long windowMinutes) {
    public static final String ORDER = "order";
    public static final String CUSTOMER_ORDERS = "customer-orders";
    public static final String PRODUCT = "product";
    public static final String TOP_SELLERS = "top-sellers";

    /** The store holding a view. */
    static String store(String view) {
        return switch (view) {
            case CUSTOMER_ORDERS -> QueryTopology.CUSTOMER_ORDERS_STORE;
            case PRODUCT -> QueryTopology.PRODUCTS_STORE;
            case TOP_SELLERS -> QueryTopology.TOP_SELLERS_STORE;
            default -> QueryTopology.ORDERS_STORE;
        };
    }

    Lookup onStandby() {
        return new Lookup(view, key, null, 0, true, windowMinutes);
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

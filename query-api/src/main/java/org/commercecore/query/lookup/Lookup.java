package org.commercecore.query.lookup;

/**
 * One question to the instance holding a key, and its answer; what travels over gRPC between
 * instances (as JSON).
 *
 * @param view {@code order} or {@code customer-orders}
 * @param waitFor an order status to wait for (null: answer now)
 * @param stale read a standby's copy (when the active owner cannot answer)
 */
public record Lookup(String view, String key, String waitFor, long timeoutMillis, boolean stale) {
    public static final String ORDER = "order";
    public static final String CUSTOMER_ORDERS = "customer-orders";

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

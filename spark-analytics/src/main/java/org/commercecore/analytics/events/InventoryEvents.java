package org.commercecore.analytics.events;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.commercecore.analytics.decode.FramedAvro;

/**
 * Topic {@code inventory.events.v1} as flat rows: one per event, keyed by SKU, with which payload
 * it carries ({@code kind}), the order line it concerns, the quantity it moves (a rejected
 * reservation's requested quantity) and the stock figures it reports.
 */
public final class InventoryEvents {
    public static final String TOPIC = "inventory.events.v1";
    public static final String RESERVED = "StockReserved";
    public static final String REJECTED = "StockReservationRejected";
    public static final String RELEASED = "StockReleased";
    public static final String COMMITTED = "StockCommitted";
    public static final String LOW_STOCK = "LowStockAlert";
    private static final List<String> KINDS = List.of(RESERVED, REJECTED, RELEASED, COMMITTED, LOW_STOCK);

    private InventoryEvents() {
    }

    public static Dataset<Row> flatten(Dataset<Row> decoded) {
        Column kind = lit(OrderEvents.OTHER);
        Column orderId = lit(null).cast("string");
        Column lineNo = lit(null).cast("int");
        for (int i = KINDS.size() - 1; i >= 0; i--) {
            String k = KINDS.get(i);
            Column branch = payload(k);
            kind = when(branch.isNotNull(), lit(k)).otherwise(kind);
            if (!k.equals(LOW_STOCK)) {
                orderId = coalesce(branch.getField("order_id"), orderId);
                lineNo = coalesce(branch.getField("line_no"), lineNo);
            }
        }
        Column quantity = coalesce(payload(RESERVED).getField("quantity"), payload(REJECTED).getField("requested"),
                payload(RELEASED).getField("quantity"), payload(COMMITTED).getField("quantity"));
        Column available = coalesce(payload(RESERVED).getField("available_after"), payload(REJECTED).getField("available"),
                payload(LOW_STOCK).getField("available"));
        Column reason = coalesce(payload(REJECTED).getField("reason"), payload(RELEASED).getField("release_reason"));
        return decoded.select(
                col("topic"), col("partition"), col("offset"),
                event("event_id"), event("occurred_at"), event("sku"), event("correlation_id"),
                kind.as("kind"), orderId.as("order_id"), lineNo.as("line_no"), quantity.as("quantity"),
                available.as("available"), payload(COMMITTED).getField("on_hand_after").as("on_hand_after"),
                payload(LOW_STOCK).getField("threshold").as("threshold"), reason.as("reason"));
    }

    private static Column event(String field) {
        return col(FramedAvro.EVENT).getField(field).as(field);
    }

    private static Column payload(String record) {
        return col(FramedAvro.EVENT).getField("payload").getField("member_" + record);
    }
}

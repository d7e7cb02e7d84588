package org.commercecore.analytics.events;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.commercecore.analytics.decode.FramedAvro;

/**
 * Topic {@code orders.events.v1} as flat rows: one per event, the envelope's fields, which payload
 * it carries ({@code kind}) and the payload fields the reports need. Every released version of
 * {@code OrderEvent} names these fields the same way; a payload branch this job does not know (a
 * newer version's) keeps its envelope with {@code kind} = {@value #OTHER}.
 */
public final class OrderEvents {
    public static final String TOPIC = "orders.events.v1";
    public static final String PLACED = "OrderPlaced";
    public static final String STATUS_CHANGED = "OrderStatusChanged";
    public static final String OTHER = "Other";

    private OrderEvents() {
    }

    public static Dataset<Row> flatten(Dataset<Row> decoded) {
        Column placed = payload(PLACED);
        Column changed = payload(STATUS_CHANGED);
        return decoded.select(
                col("topic"), col("partition"), col("offset"),
                event("event_id"), event("occurred_at"), event("order_id"), event("customer_id"),
                when(placed.isNotNull(), lit(PLACED))
                        .when(changed.isNotNull(), lit(STATUS_CHANGED))
                        .otherwise(lit(OTHER)).as("kind"),
                placed.getField("currency").as("currency"),
                placed.getField("total_minor").as("total_minor"),
                placed.getField("lines").as("lines"),
                placed.getField("placed_at").as("placed_at"),
                changed.getField("from_status").as("from_status"),
                changed.getField("to_status").as("to_status"),
                changed.getField("reason_code").as("reason_code"),
                // OrderEvent v2 added a free-text reason; v1's status changes have none
                hasReason(decoded) ? changed.getField("reason").as("reason") : lit(null).cast("string").as("reason"));
    }

    private static boolean hasReason(Dataset<Row> decoded) {
        StructType event = (StructType) decoded.schema().apply(FramedAvro.EVENT).dataType();
        StructType payload = (StructType) event.apply("payload").dataType();
        StructType changed = (StructType) payload.apply("member_" + STATUS_CHANGED).dataType();
        return Arrays.asList(changed.fieldNames()).contains("reason");
    }

    private static Column event(String field) {
        return col(FramedAvro.EVENT).getField(field).as(field);
    }

    private static Column payload(String branch) {
        return col(FramedAvro.EVENT).getField("payload").getField("member_" + branch);
    }
}

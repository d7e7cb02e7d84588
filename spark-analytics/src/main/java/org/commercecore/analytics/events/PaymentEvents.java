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
 * Topic {@code payments.events.v1} as flat rows: one per event, with which payload it carries
 * ({@code kind}), the amount in minor units and its currency (every payload has both), and a
 * declined payment's code and reason.
 */
public final class PaymentEvents {
    public static final String TOPIC = "payments.events.v1";
    public static final String AUTHORIZED = "PaymentAuthorized";
    public static final String DECLINED = "PaymentDeclined";
    public static final String CAPTURED = "PaymentCaptured";
    public static final String VOIDED = "PaymentVoided";
    public static final String REFUNDED = "PaymentRefunded";
    private static final List<String> KINDS = List.of(AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED);

    private PaymentEvents() {
    }

    public static Dataset<Row> flatten(Dataset<Row> decoded) {
        Column kind = lit(OrderEvents.OTHER);
        Column amount = lit(null).cast("long");
        Column currency = lit(null).cast("string");
        // the first payload in KINDS order that is set; a union holds exactly one
        for (int i = KINDS.size() - 1; i >= 0; i--) {
            String k = KINDS.get(i);
            Column branch = payload(k);
            kind = when(branch.isNotNull(), lit(k)).otherwise(kind);
            amount = coalesce(branch.getField("amount_minor"), amount);
            currency = coalesce(branch.getField("currency"), currency);
        }
        Column declined = payload(DECLINED);
        return decoded.select(
                col("topic"), col("partition"), col("offset"),
                event("event_id"), event("occurred_at"), event("order_id"), event("payment_id"),
                kind.as("kind"), amount.as("amount_minor"), currency.as("currency"),
                declined.getField("decline_code").as("decline_code"),
                declined.getField("reason").as("reason"));
    }

    private static Column event(String field) {
        return col(FramedAvro.EVENT).getField(field).as(field);
    }

    private static Column payload(String record) {
        return col(FramedAvro.EVENT).getField("payload").getField("member_" + record);
    }
}

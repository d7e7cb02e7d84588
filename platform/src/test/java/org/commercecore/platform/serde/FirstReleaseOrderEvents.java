package org.commercecore.platform.serde;

import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.commercecore.schemas.ReleasedSchemas;
import org.commercecore.schemas.orders.OrderEvent;

/**
 * Test fixture: order events as the build of OrderEvent's first release wrote them into
 * repartition topics. That release predates OrderTransitionRefused, so its schema, and the
 * fingerprint in every value it wrote, differ from the current one.
 */
public final class FirstReleaseOrderEvents {
    private FirstReleaseOrderEvents() {
    }

    public static Schema schema() {
        return ReleasedSchemas.of(OrderEvent.getClassSchema().getFullName(), FirstReleaseOrderEvents.class.getClassLoader()).get(0);
    }

    /** An OrderPlaced of one line, in the single-object encoding InternalSerdes reads. */
    public static byte[] placed(String orderId, String customerId, String sku, int quantity, long unitPriceMinor) {
        Schema writer = schema();
        Schema placed = writer.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("OrderPlaced")).findFirst().orElseThrow();
        GenericRecord line = new GenericRecordBuilder(placed.getField("lines").schema().getElementType())
                .set("line_no", 1).set("sku", sku).set("quantity", quantity).set("unit_price_minor", unitPriceMinor).build();
        GenericRecord event = new GenericRecordBuilder(writer).set("event_id", UUID.randomUUID().toString())
                .set("occurred_at", 1_000L).set("order_id", orderId).set("correlation_id", orderId).set("customer_id", customerId)
                .set("payload", new GenericRecordBuilder(placed).set("customer_id", customerId).set("lines", List.of(line))
                        .set("total_minor", quantity * unitPriceMinor).set("currency", "EUR").set("placed_at", 1_000L).build())
                .build();
        return OtherBuilds.write(writer, event);
    }
}

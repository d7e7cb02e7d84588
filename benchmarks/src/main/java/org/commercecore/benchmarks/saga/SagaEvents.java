package org.commercecore.benchmarks.saga;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;

/** The records a saga burst writes straight to Kafka, as the intake topologies would have written them. */
public final class SagaEvents {
    private SagaEvents() {
    }

    public static OrderEvent placed(String orderId, OrderMix.Planned p) {
        Instant now = Instant.now();
        OrderLine line = OrderLine.newBuilder().setLineNo(1).setSku(p.sku()).setQuantity(p.quantity())
                .setUnitPriceMinor(p.unitPriceMinor()).build();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(p.customerId()).setLines(List.of(line))
                .setTotalMinor(p.quantity() * p.unitPriceMinor()).setCurrency("EUR").setPlacedAt(now).build();
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(p.customerId()).setPayload(placed).build();
    }

    public static StockAdjustment stock(String sku, int quantity) {
        return StockAdjustment.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setSku(sku)
                .setCorrelationId(null).setAdjustmentId(UUID.randomUUID().toString()).setQuantityDelta(quantity)
                .setReason(AdjustmentReason.INITIAL).setLowStockThreshold(null).setNote("benchmark stock").build();
    }

    /**
     * A plain idempotent producer (acks=all) with the topic's serdes; batching as a busy intake would
     * (linger 5 ms, 256 KiB batches), so the load driver is not what limits the burst.
     */
    public static <K, V> KafkaProducer<K, V> producer(String bootstrap, AvroSerdes serdes, Topic<K, V> topic) {
        Serde<K> keys = topic.keySerde(serdes);
        Serde<V> values = topic.valueSerde(serdes);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                keys.serializer(), values.serializer());
    }
}

package org.commercecore.benchmarks.saga;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.commercecore.benchmarks.measure.Tap;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;

/**
 * Per-hop latency of a sample of orders: when a benchmark consumer (read_committed) first sees each
 * sampled order on each topic along the saga. Internal topics are named
 * {@code <application.id>-<name>-repartition} (see InventoryTopology and OrdersTopology); the list is
 * tolerant: a stage whose topic does not exist is reported as absent.
 * An order is found in a record by its id's bytes ({@link OrderIds}), whatever the key and serde.
 */
public final class HopTracer implements AutoCloseable {
    /** A stage: a label and the topic it is seen on; orders.events.v1 appears twice (placed, then terminal). */
    public record Stage(String label, String topic) {
    }

    public static final List<Stage> STAGES = List.of(
            new Stage("placed on orders.events.v1", Topics.ORDER_EVENTS.name()),
            new Stage("stock command (inventory repartition)", "commerce-inventory-stock-commands-repartition"),
            new Stage("reservation on inventory.events.v1", Topics.INVENTORY_EVENTS.name()),
            new Stage("payment on payments.events.v1", Topics.PAYMENT_EVENTS.name()),
            new Stage("reservation on inventory.order-events.v1", Topics.INVENTORY_ORDER_EVENTS.name()),
            new Stage("terminal on orders.events.v1", Topics.ORDER_EVENTS.name()),
            new Stage("terminal on orders.status.v1", Topics.ORDER_STATUS.name()));

    private final OrderIds ids;
    private final int trial;
    private final int sampleEvery;
    private final List<Stage> present;
    private final Map<String, Map<Integer, Long>> seen = new ConcurrentHashMap<>();
    private final Tap tap;
    private final Deserializer<OrderEvent> orderEvents;

    public HopTracer(String bootstrap, AvroSerdes serdes, Set<String> existingTopics, OrderIds ids, int trial, int sampleEvery) {
        this.ids = ids;
        this.trial = trial;
        this.sampleEvery = sampleEvery;
        this.present = STAGES.stream().filter(s -> existingTopics.contains(s.topic())).toList();
        this.orderEvents = Topics.ORDER_EVENTS.valueSerde(serdes).deserializer();
        present.forEach(s -> seen.put(s.label(), new ConcurrentHashMap<>()));
        List<String> topics = present.stream().map(Stage::topic).distinct().toList();
        this.tap = new Tap(bootstrap, topics, this::onRecord, "hops");
    }

    private void onRecord(ConsumerRecord<byte[], byte[]> record, long nanos) {
        OptionalInt found = ids.find(record.key(), trial);
        if (found.isEmpty()) {
            found = ids.find(record.value(), trial);
        }
        if (found.isEmpty() || found.getAsInt() % sampleEvery != 0) {
            return;
        }
        int n = found.getAsInt();
        String topic = record.topic();
        if (topic.equals(Topics.ORDER_EVENTS.name())) {
            OrderEvent e = orderEvents.deserialize(topic, record.value());
            String label = e.getPayload() instanceof OrderPlaced ? STAGES.get(0).label()
                    : e.getPayload() instanceof OrderStatusChanged c && isTerminal(c.getToStatus().name()) ? STAGES.get(5).label() : null;
            if (label != null) {
                seen.get(label).putIfAbsent(n, nanos);
            }
            return;
        }
        if (topic.equals(Topics.ORDER_STATUS.name())) {
            String text = new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.contains("CONFIRMED") || text.contains("REJECTED")) {
                seen.get(STAGES.get(6).label()).putIfAbsent(n, nanos);
            }
            return;
        }
        present.stream().filter(s -> s.topic().equals(topic)).forEach(s -> seen.get(s.label()).putIfAbsent(n, nanos));
    }

    private static boolean isTerminal(String status) {
        return status.equals("CONFIRMED") || status.equals("REJECTED");
    }

    /** Labels of the stages that exist, in saga order. */
    public List<String> labels() {
        return present.stream().map(Stage::label).toList();
    }

    /**
     * For each present stage, the delays (ms) of the sampled orders, from their send to first seen
     * there, given each order's send time; orders not seen at a stage are left out of it.
     */
    public Map<String, List<Double>> sinceSend(Map<Integer, Long> sentNanos) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (Stage s : present) {
            List<Double> delays = new ArrayList<>();
            seen.get(s.label()).forEach((n, at) -> {
                Long sent = sentNanos.get(n);
                if (sent != null) {
                    delays.add((at - sent) / 1e6);
                }
            });
            out.put(s.label(), delays);
        }
        return out;
    }

    public int sampleEvery() {
        return sampleEvery;
    }

    @Override
    public void close() {
        tap.close();
    }
}

package org.commercecore.benchmarks.fullpath;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.commercecore.benchmarks.measure.StatusWatcher;
import org.commercecore.benchmarks.measure.Tap;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * Where an order's time goes on the full path: when a benchmark consumer (read_committed) first sees
 * each order on each topic from the row's change event to its terminal status, and how long after the
 * record's timestamp that was (for the change event, Connect's produce time: the wait for its
 * transaction; Kafka Streams outputs carry their input's timestamp).
 * Orders are recognised by the UUIDs in a record's key and value (the command API's ids), whatever
 * the serde, so internal topics need no decoding.
 */
final class PathTracer implements AutoCloseable {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A stage: its label, its topic, and which of the topic's records mark it. */
    private record Stage(String label, String topic, Predicate<ConsumerRecord<byte[], byte[]>> marks) {
    }

    /** When an order was first seen at a stage: the tap's clock, and the record's timestamp on this clock. */
    private record Seen(long arrivedNanos, long producedNanos) {
    }

    /** One stage's delays, ms: since the intended send, and since the record's timestamp. */
    record Delays(String label, List<Double> sinceSend, List<Double> sinceTimestamp) {
    }

    private final List<Stage> stages;
    private final Map<String, Map<String, Seen>> seen = new ConcurrentHashMap<>();
    private final long wallToNanos = System.nanoTime() - System.currentTimeMillis() * 1_000_000L;
    private final Tap tap;

    PathTracer(String bootstrap, AvroSerdes serdes, Set<String> existingTopics) {
        Deserializer<OrderEvent> events = Topics.ORDER_EVENTS.valueSerde(serdes).deserializer();
        Deserializer<OrderStatusView> views = Topics.ORDER_STATUS.valueSerde(serdes).deserializer();
        Predicate<ConsumerRecord<byte[], byte[]>> any = r -> true;
        Predicate<ConsumerRecord<byte[], byte[]>> placedEvent = r -> r.value() != null
                && events.deserialize(r.topic(), r.value()).getPayload() instanceof OrderPlaced;
        Predicate<ConsumerRecord<byte[], byte[]>> terminalEvent = r -> r.value() != null
                && events.deserialize(r.topic(), r.value()).getPayload() instanceof OrderStatusChanged c
                && StatusWatcher.TERMINAL.contains(c.getToStatus().name());
        Predicate<ConsumerRecord<byte[], byte[]>> placedView = r -> r.value() != null
                && "PLACED".equals(views.deserialize(r.topic(), r.value()).getStatus());
        Predicate<ConsumerRecord<byte[], byte[]>> terminalView = r -> r.value() != null
                && StatusWatcher.TERMINAL.contains(views.deserialize(r.topic(), r.value()).getStatus());
        this.stages = List.of(
                        new Stage("row on cdc.public.orders", Topics.CDC_ORDERS.name(), any),
                        new Stage("OrderPlaced on orders.events.v1", Topics.ORDER_EVENTS.name(), placedEvent),
                        new Stage("by customer (fraud repartition)", "commerce-orders-placed-by-customer-repartition", any),
                        new Stage("fraud verdict (repartition)", "commerce-orders-fraud-verdicts-repartition", any),
                        new Stage("PLACED on orders.status.v1", Topics.ORDER_STATUS.name(), placedView),
                        new Stage("stock command (inventory repartition)", "commerce-inventory-stock-commands-repartition", any),
                        new Stage("reply on inventory.order-events.v1", Topics.INVENTORY_ORDER_EVENTS.name(), any),
                        new Stage("payment on payments.events.v1", Topics.PAYMENT_EVENTS.name(), any),
                        new Stage("terminal on orders.events.v1", Topics.ORDER_EVENTS.name(), terminalEvent),
                        new Stage("terminal on orders.status.v1", Topics.ORDER_STATUS.name(), terminalView))
                .stream().filter(s -> existingTopics.contains(s.topic())).toList();
        stages.forEach(s -> seen.put(s.label(), new ConcurrentHashMap<>()));
        this.tap = new Tap(bootstrap, stages.stream().map(Stage::topic).distinct().toList(), this::onRecord, "path");
    }

    private void onRecord(ConsumerRecord<byte[], byte[]> record, long arrivedNanos) {
        List<String> ids = uuids(record);
        if (ids.isEmpty()) {
            return;
        }
        Seen at = new Seen(arrivedNanos, record.timestamp() * 1_000_000L + wallToNanos);
        for (Stage s : stages) {
            if (s.topic().equals(record.topic()) && s.marks().test(record)) {
                Map<String, Seen> byOrder = seen.get(s.label());
                ids.forEach(id -> byOrder.putIfAbsent(id, at));
            }
        }
    }

    private static List<String> uuids(ConsumerRecord<byte[], byte[]> record) {
        List<String> ids = new ArrayList<>(2);
        for (byte[] bytes : new byte[][] {record.key(), record.value()}) {
            if (bytes != null) {
                Matcher m = UUID.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        return ids;
    }

    /** Forgets what it saw (between rates). */
    void reset() {
        seen.values().forEach(Map::clear);
    }

    /** For each stage in path order, the delays of the given orders (id to intended send, tap clock). */
    List<Delays> delays(Map<String, Long> intendedNanos) {
        List<Delays> out = new ArrayList<>();
        for (Stage s : stages) {
            List<Double> since = new ArrayList<>();
            List<Double> wait = new ArrayList<>();
            Map<String, Seen> byOrder = seen.get(s.label());
            intendedNanos.forEach((id, intended) -> {
                Seen at = byOrder.get(id);
                if (at != null) {
                    since.add((at.arrivedNanos() - intended) / 1e6);
                    wait.add((at.arrivedNanos() - at.producedNanos()) / 1e6);
                }
            });
            out.add(new Delays(s.label(), since, wait));
        }
        return out;
    }

    @Override
    public void close() {
        tap.close();
    }
}

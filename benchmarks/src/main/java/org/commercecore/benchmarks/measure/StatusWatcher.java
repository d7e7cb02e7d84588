package org.commercecore.benchmarks.measure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderStatusView;

/**
 * Watches orders.status.v1 (read_committed) and remembers, per order, when it was first seen PLACED
 * and when it was first seen terminal (CONFIRMED or REJECTED), with the terminal status and reason.
 * The time is when the record reached this consumer: what a downstream reader would see.
 */
public final class StatusWatcher implements AutoCloseable {
    public static final List<String> TERMINAL = List.of("CONFIRMED", "REJECTED");

    /** The first terminal status of an order and when it was seen. */
    public record Terminal(String status, String reason, long seenNanos) {
    }

    private final Map<String, Long> placed = new ConcurrentHashMap<>();
    private final Map<String, Terminal> terminal = new ConcurrentHashMap<>();
    private final AtomicLong terminalCount = new AtomicLong();
    private final Tap tap;
    private volatile BiConsumer<String, Terminal> onTerminal = (id, t) -> { };

    public StatusWatcher(String bootstrap, AvroSerdes serdes) {
        Deserializer<OrderStatusView> values = Topics.ORDER_STATUS.valueSerde(serdes).deserializer();
        this.tap = new Tap(bootstrap, List.of(Topics.ORDER_STATUS.name()), (record, nanos) -> {
            if (record.value() == null) {
                return;
            }
            OrderStatusView view = values.deserialize(record.topic(), record.value());
            String id = view.getOrderId();
            String status = view.getStatus();
            if ("PLACED".equals(status)) {
                placed.putIfAbsent(id, nanos);
            } else if (TERMINAL.contains(status)) {
                placed.putIfAbsent(id, nanos);
                Terminal t = new Terminal(status, view.getReasonCode() == null ? null : view.getReasonCode().toString(), nanos);
                if (terminal.putIfAbsent(id, t) == null) {
                    terminalCount.incrementAndGet();
                    onTerminal.accept(id, t);
                }
            }
        }, "status");
    }

    /** Called once per order on the watcher's thread when its terminal status first appears. */
    public void onTerminal(BiConsumer<String, Terminal> listener) {
        this.onTerminal = listener;
    }

    public Long placedAt(String orderId) {
        return placed.get(orderId);
    }

    public Terminal terminal(String orderId) {
        return terminal.get(orderId);
    }

    public long terminalCount() {
        return terminalCount.get();
    }

    /** Forgets what it saw (between rates of one run): counts start again at zero. */
    public void reset() {
        placed.clear();
        terminal.clear();
        terminalCount.set(0);
    }

    @Override
    public void close() {
        tap.close();
    }
}

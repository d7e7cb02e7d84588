package org.commercecore.connectors.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.commercecore.connectors.ConnectClient;

/**
 * Every connector's and task's state, as Connect's REST API reports it
 * ({@code GET /connectors?expand=status}), as gauges:
 * <ul>
 *   <li>{@code commerce.connect.up}: 1 when the last poll got an answer, else 0;</li>
 *   <li>{@code commerce.connect.connector.state{connector,state}}: 1 for the connector's current state, 0 for the others;</li>
 *   <li>{@code commerce.connect.tasks{connector,state}}: how many of its tasks are in each state.</li>
 * </ul>
 * Every state is always written (0 when none), so an alert on {@code state="failed"} compares numbers,
 * never an absent series. A connector that is deleted disappears with the next poll.
 */
final class ConnectorStatus {
    /** Connect's states (AbstractStatus.State), lower-cased for the tag. */
    static final List<String> STATES = List.of("running", "paused", "stopped", "failed", "unassigned", "restarting");

    private final ConnectClient connect;
    private final AtomicInteger up = new AtomicInteger();
    private final MultiGauge connectorState;
    private final MultiGauge tasks;

    ConnectorStatus(ConnectClient connect, MeterRegistry meters) {
        this.connect = connect;
        meters.gauge("commerce.connect.up", up);
        this.connectorState = MultiGauge.builder("commerce.connect.connector.state")
                .description("1 for the connector's current state, 0 for the others").register(meters);
        this.tasks = MultiGauge.builder("commerce.connect.tasks")
                .description("the connector's tasks in each state").register(meters);
    }

    /** Polls Connect once and returns what it said; on failure {@code up} drops to 0 and the last states are kept. */
    JsonNode poll() {
        JsonNode all;
        try {
            all = connect.connectors();
        } catch (RuntimeException e) {
            up.set(0);
            throw e;
        }
        up.set(1);
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> taskCounts = new ArrayList<>();
        all.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode status = entry.getValue().path("status");
            String current = status.path("connector").path("state").asText().toLowerCase(Locale.ROOT);
            Map<String, Integer> counts = new TreeMap<>();
            STATES.forEach(state -> counts.put(state, 0));
            status.path("tasks").forEach(task -> counts.merge(task.path("state").asText().toLowerCase(Locale.ROOT), 1, Integer::sum));
            for (String state : STATES) {
                states.add(MultiGauge.Row.of(Tags.of("connector", name, "state", state), state.equals(current) ? 1 : 0));
            }
            counts.forEach((state, count) -> taskCounts.add(MultiGauge.Row.of(Tags.of("connector", name, "state", state), count)));
        });
        connectorState.register(states, true);
        tasks.register(taskCounts, true);
        return all;
    }
}

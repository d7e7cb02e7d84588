package org.commercecore.connectors.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's logical replication slots (Debezium's among them), as gauges:
 * <ul>
 *   <li>{@code commerce.cdc.replication.slot.lag{slot}} (bytes): WAL written since the position the
 *   slot's consumer confirmed; PostgreSQL keeps all of it on disk while the slot exists, so a stopped
 *   connector grows it without bound;</li>
 *   <li>{@code commerce.cdc.replication.slot.active{slot}}: 1 while a consumer is connected to the slot.</li>
 * </ul>
 * A new connection per poll: one query every interval does not need a pool.
 */
final class ReplicationSlots {
    private static final String QUERY = "SELECT slot_name, active,"
            + " COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0) AS lag_bytes"
            + " FROM pg_replication_slots WHERE slot_type = 'logical'";

    private final String url;
    private final String user;
    private final String password;
    private final MultiGauge lag;
    private final MultiGauge active;

    ReplicationSlots(String url, String user, String password, MeterRegistry meters) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.lag = MultiGauge.builder("commerce.cdc.replication.slot.lag").baseUnit("bytes")
                .description("WAL retained for the slot beyond its confirmed position").register(meters);
        this.active = MultiGauge.builder("commerce.cdc.replication.slot.active")
                .description("1 while a consumer streams from the slot").register(meters);
    }

    void poll() throws SQLException {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> actives = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, password);
             Statement query = db.createStatement();
             ResultSet slots = query.executeQuery(QUERY)) {
            while (slots.next()) {
                Tags slot = Tags.of("slot", slots.getString("slot_name"));
                lags.add(MultiGauge.Row.of(slot, slots.getLong("lag_bytes")));
                actives.add(MultiGauge.Row.of(slot, slots.getBoolean("active") ? 1 : 0));
            }
        }
        lag.register(lags, true);
        active.register(actives, true);
    }
}

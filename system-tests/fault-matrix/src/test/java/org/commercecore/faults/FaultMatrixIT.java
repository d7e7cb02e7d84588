package org.commercecore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounded fault matrix, as Kafka's own Streams exactly-once system test does it for one app,
 * here for the whole system: a steady order load through the gateway, and one process at a time
 * killed with SIGKILL and restarted on its data (each Streams app, the command API, a query
 * instance, the gateway, one of three Kafka brokers, PostgreSQL's postmaster, Redis, the AMQP
 * broker, and the registry, which stays away for 30 s). Then the load stops, the saga drains, and
 * every invariant is checked ({@link Invariants}): every order answered 202 exists and ends once,
 * no event twice, stock and money conserved, no dead letter, no request hung.
 */
class FaultMatrixIT {
    private static final int ORDERS_PER_SECOND = 8;
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(8);

    @Test
    void nothingIsLostOrDoneTwiceWhenAnyProcessIsKilledUnderLoad() throws Exception {
        try (SystemUnderFault system = SystemUnderFault.start(Path.of("target", "fault-matrix").toAbsolutePath())) {
            Map<String, Duration> backAfter = new LinkedHashMap<>();
            OrderLoad load = system.load();
            try (load) {
                load.start(ORDERS_PER_SECOND);
                SystemUnderFault.pause(BETWEEN_FAULTS);
                for (SystemUnderFault.Fault fault : system.faults()) {
                    long began = System.nanoTime();
                    fault.inject().run();
                    backAfter.put(fault.name(), Duration.ofNanos(System.nanoTime() - began));
                    SystemUnderFault.pause(BETWEEN_FAULTS);
                }
            }
            System.out.printf("fault matrix: %d orders sent, %d accepted, %d retries, %d hung; each fault until its part was back: %s%n",
                    load.sent(), load.accepted().size(), load.retries(), load.hung(), backAfter);

            Invariants.Result result = Invariants.check(system.stack(), load);
            System.out.printf("fault matrix: outcomes %s%n", result.outcomes());
            assertThat(result.violated()).as("invariants violated").isEmpty();
        }
    }
}

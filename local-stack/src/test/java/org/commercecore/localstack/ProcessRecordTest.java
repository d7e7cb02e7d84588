package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (bash and sleep) recorded as a killed run's leftovers, stopped as the next start does. */
class ProcessRecordTest {
    private static final int SIGKILLED = 128 + 9;
    private static final int SIGTERMED = 128 + 15;

    @TempDir
    Path runDir;
    private final List<Process> spawned = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        spawned.forEach(Process::destroyForcibly);
    }

    /** A bash that ignores SIGTERM, with a child that does too (a family, as a JVM with its helpers). */
    private Process ignoringSigterm() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 600 & wait").start();
        spawned.add(p);
        // wait until bash has run the trap and started its child
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> p.toHandle().descendants().findAny().isPresent());
        return p;
    }

    /** A process that exits on SIGTERM. */
    private Process sleeping() throws Exception {
        Process p = new ProcessBuilder("sleep", "600").start();
        spawned.add(p);
        return p;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void appsThatCannotReachABrokerAreKilledAtOnceAndTogether() throws Exception {
        Process orders = ignoringSigterm();
        Process payments = ignoringSigterm();
        List<ProcessHandle> children = new ArrayList<>();
        children.addAll(orders.toHandle().descendants().toList());
        children.addAll(payments.toHandle().descendants().toList());
        ProcessRecord record = new ProcessRecord(runDir);
        record.add("commerce-orders", orders.toHandle());
        record.add("commerce-payments", payments.toHandle());

        // with SIGTERM and the grace, one after another, these two would take over a minute: the timeout fails that
        record.stopLeftovers(List.of("commerce-orders", "commerce-payments"));

        assertThat(orders.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(payments.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(orders.exitValue()).as("killed, not asked").isEqualTo(SIGKILLED);
        assertThat(payments.exitValue()).as("killed, not asked").isEqualTo(SIGKILLED);
        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(Files.exists(runDir.resolve("processes"))).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whileABrokerRunsTheAppsAreAskedToCloseFirstAndTheBrokerLast() throws Exception {
        Process broker = sleeping();
        Process app = sleeping();
        Process registry = sleeping();
        List<String> exits = java.util.Collections.synchronizedList(new ArrayList<>());
        app.onExit().thenRun(() -> exits.add("app"));
        registry.onExit().thenRun(() -> exits.add("registry"));
        broker.onExit().thenRun(() -> exits.add("kafka"));
        ProcessRecord record = new ProcessRecord(runDir);
        record.add("kafka", broker.toHandle());
        record.add("commerce-inventory", app.toHandle());
        record.add("schema-registry", registry.toHandle());

        record.stopLeftovers(List.of("commerce-inventory"));

        assertThat(List.of(app, registry, broker)).allSatisfy(p -> {
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("asked with SIGTERM").isEqualTo(SIGTERMED);
        });
        // onExit callbacks run asynchronously: wait for the last one before reading the order
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(exits).containsExactly("app", "registry", "kafka"));
    }

    @Test
    void aRecordedPidThatIsNoLongerTheSameProcessIsLeftAlone() throws Exception {
        Process other = sleeping();
        Files.writeString(runDir.resolve("processes"), "commerce-orders " + other.pid() + " 12345\n");

        new ProcessRecord(runDir).stopLeftovers(List.of("commerce-orders"));

        assertThat(other.isAlive()).isTrue();
        assertThat(Files.exists(runDir.resolve("processes"))).isFalse();
    }
}

package org.commercecore.benchmarks.measure;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** One measured stretch of a scenario: CPU and offsets at its start, turned into per-order figures at its end. */
public final class Window {
    private final CpuMeter cpu;
    private final Admin admin;
    private final Map<String, Duration> cpuBefore;
    private final Map<String, Long> offsetsBefore;
    private Map<String, Double> cpuPerOrder;
    private Map<String, Double> recordsPerOrder;

    private Window(CpuMeter cpu, Admin admin) {
        this.cpu = cpu;
        this.admin = admin;
        this.offsetsBefore = OffsetSnapshot.take(admin);
        this.cpuBefore = cpu.snapshot();
    }

    public static Window open(CpuMeter cpu, Admin admin) {
        return new Window(cpu, admin);
    }

    public Window close(long orders) {
        Map<String, Duration> cpuAfter = cpu.snapshot();
        Map<String, Long> offsetsAfter = OffsetSnapshot.take(admin);
        long n = Math.max(1, orders);
        cpuPerOrder = CpuMeter.perOrder(cpuBefore, cpuAfter, n);
        recordsPerOrder = RecordsPerTopic.perOrder(offsetsBefore, offsetsAfter, n);
        return this;
    }

    public Map<String, Double> cpuPerOrder() {
        return cpuPerOrder;
    }

    public Map<String, Double> recordsPerOrder() {
        return recordsPerOrder;
    }
}

package org.commercecore.benchmarks.measure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time used by each process of the stack and by the benchmark JVM itself, read from
 * {@link ProcessHandle.Info#totalCpuDuration()} before and after a scenario. A process's live
 * descendants are added to it: PostgreSQL does its work in backend processes forked per connection
 * (a backend that already exited is lost: Linux reports only a process's own time).
 */
public final class CpuMeter {
    /** The benchmark JVM also hosts the stack's in-process parts (the broker, Connect: those without a process of their own). */
    public static final String BENCHMARK_JVM = "benchmark JVM (load driver, consumers, in-process parts: ";

    private final Supplier<Map<String, ProcessHandle>> processes;

    /** {@code processes}: the stack's processes by name, asked afresh at each snapshot (the chain JVM comes and goes). */
    private final String inProcess;

    public CpuMeter(Supplier<Map<String, ProcessHandle>> processes, java.util.List<String> inProcessParts) {
        this.processes = processes;
        this.inProcess = BENCHMARK_JVM + String.join(", ", inProcessParts) + ")";
    }

    public Map<String, Duration> snapshot() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.get().forEach((name, p) -> cpu.put(name, withDescendants(p)));
        cpu.put(inProcess, own(ProcessHandle.current()));
        return cpu;
    }

    /** Core-milliseconds per order between two snapshots; a process missing from the first counts from zero. */
    public static Map<String, Double> perOrder(Map<String, Duration> before, Map<String, Duration> after, long orders) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, d) -> out.put(name, d.minus(before.getOrDefault(name, Duration.ZERO)).toNanos() / 1e6 / orders));
        return out;
    }

    /** CPU time of every process together between two snapshots. */
    public static Duration total(Map<String, Duration> before, Map<String, Duration> after) {
        Duration sum = Duration.ZERO;
        for (var e : after.entrySet()) {
            sum = sum.plus(e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)));
        }
        return sum;
    }

    private static Duration withDescendants(ProcessHandle p) {
        Duration total = own(p);
        for (ProcessHandle child : (Iterable<ProcessHandle>) p.descendants()::iterator) {
            total = total.plus(own(child));
        }
        return total;
    }

    private static Duration own(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}

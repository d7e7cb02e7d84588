package org.commercecore.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.commercecore.benchmarks.measure.CpuMeter;
import org.commercecore.benchmarks.stack.BenchStack;

/** What every scenario gets: the stack, the options that size it, where charts go, the progress printer. */
public record RunContext(BenchStack stack, Progress progress, CpuMeter cpu, Sizes sizes, Path reportDir, Path chartsDir) {

    /** The sizes of a run: the defaults, or tiny ones for --smoke. */
    public record Sizes(int trials, int sagaOrders, int ceilingHops, List<Double> rates, Duration rateDuration, boolean searchCeiling,
                        int customers, int cdcRows, int cdcBatch, Duration queryDuration, int queryConnections, boolean smoke) {
    }

    /** A chart's path as the report links it: relative to the report's directory. */
    public Path chart(String name) {
        return chartsDir.resolve(name);
    }

    public Path relativeToReport(Path chart) {
        return reportDir.toAbsolutePath().relativize(chart.toAbsolutePath());
    }
}

package org.commercecore.faults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * A soak's report: the section between the soak markers of {@code docs/reliability.md}, rewritten
 * by each run, and its chart of the terminal rate and p99 over time with the faults marked.
 */
final class SoakReport {
    static final String BEGIN = "<!-- soak:begin -->";
    static final String END = "<!-- soak:end -->";
    private static final String CHART = "reliability/soak.png";

    /** One fault as it happened: when it began (ms from the start), how long until the part was back, and until the terminal rate was. */
    record Injected(String name, long atMillis, Duration partBack, Duration rateBack) {
    }

    /** What a run measured. */
    record Run(int minutes, int rate, String commit, int sent, int accepted, long retries, long hung,
               List<Injected> faults, Invariants.Result result, List<Timeline.Bucket> buckets, long startMillis, Duration bucketWidth) {
    }

    private SoakReport() {
    }

    /** Rewrites the soak section of {@code docs}/reliability.md and the chart beside it. */
    static void write(Path docs, Run run) throws IOException {
        chart(docs.resolve(CHART), run);
        Path page = docs.resolve("reliability.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(page + " has no " + BEGIN + " ... " + END + " section to write the soak into");
        }
        Files.writeString(page, text.substring(0, begin + BEGIN.length()) + "\n" + section(run) + text.substring(end),
                StandardCharsets.UTF_8);
    }

    static String section(Run run) {
        StringBuilder md = new StringBuilder();
        md.append("## Soak: ").append(run.minutes()).append(" minutes at ").append(run.rate()).append(" orders/s, faults at random times\n\n");
        md.append("Written by `system-tests/fault-matrix/soak --minutes ").append(run.minutes()).append(" --rate ").append(run.rate())
                .append("` on ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochMilli(run.startMillis()).atZone(ZoneOffset.UTC)))
                .append(", commit `").append(run.commit()).append("`; ").append(machine()).append(". The stack is `local-stack/run --brokers 3`'s:")
                .append(" three brokers, every app in a JVM of its own, on this one machine.\n\n");
        long lost = run.result().checks().stream().filter(c -> c.name().startsWith("every order answered 202 is in PostgreSQL"))
                .mapToLong(c -> c.violations().size()).sum();
        long duplicated = run.result().checks().stream().filter(c -> c.name().startsWith("no event twice"))
                .mapToLong(c -> c.violations().size()).sum();
        md.append("| orders sent | answered 202 | lost | duplicated events | client retries | requests hung |\n|---|---|---|---|---|---|\n");
        md.append("| ").append(run.sent()).append(" | ").append(run.accepted()).append(" | ").append(lost).append(" | ").append(duplicated)
                .append(" | ").append(run.retries()).append(" | ").append(run.hung()).append(" |\n\n");
        md.append("Outcomes: ").append(run.result().outcomes()).append(" (rejections: the SKU with 40 units runs out early, and")
                .append(" orders caught by a fault past the saga deadline are rejected as TIMEOUT and compensated).\n\n");
        md.append("### Faults\n\n| at | fault | part back after | terminal rate back at 90% of offered after |\n|---|---|---|---|\n");
        for (Injected f : run.faults()) {
            md.append("| ").append(clock(f.atMillis())).append(" | ").append(f.name()).append(" | ").append(seconds(f.partBack()))
                    .append(" | ").append(f.rateBack() == null ? "no dip below 90%" : seconds(f.rateBack())).append(" |\n");
        }
        md.append("\n### Invariants\n\n| invariant | result |\n|---|---|\n");
        for (Invariants.Check c : run.result().checks()) {
            md.append("| ").append(c.name()).append(" | ").append(c.holds() ? "holds" : "**violated**: " + String.join("; ", c.violations()))
                    .append(" |\n");
        }
        md.append("\n![terminal orders per second and p99 from send to outcome, per ").append(run.bucketWidth().toSeconds())
                .append(" s, faults marked](").append(CHART).append(")\n");
        return md.toString();
    }

    private static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(os.getTotalMemorySize() / 1e9) + " GB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", JDK " + System.getProperty("java.version");
    }

    private static void chart(Path file, Run run) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1200).height(500).title("Soak: terminal orders per second and p99, faults marked")
                .xAxisTitle("minutes from start").yAxisTitle("terminal orders/s").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<Double> minutes = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (Timeline.Bucket b : run.buckets()) {
            minutes.add((b.startMillis() - run.startMillis()) / 60_000.0);
            rate.add(b.terminal() / (double) run.bucketWidth().toSeconds());
            p99.add(b.p99Millis() / 1000.0);
        }
        chart.addSeries("terminal orders/s", minutes, rate);
        chart.addSeries("p99 send to outcome (s)", minutes, p99).setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "p99 (s)");
        for (Injected f : run.faults()) {
            chart.addAnnotation(new AnnotationLine(f.atMillis() / 60_000.0, true, false));
        }
        Files.createDirectories(file.getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String clock(long millis) {
        long s = millis / 1000;
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}

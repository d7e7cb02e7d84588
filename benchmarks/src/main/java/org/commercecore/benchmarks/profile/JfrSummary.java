package org.commercecore.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.commercecore.benchmarks.report.ReportWriter;

/**
 * Per app, from its flight recording: the hottest methods (top frames of jdk.ExecutionSample) and
 * the top allocation sites (top frame and class of jdk.ObjectAllocationSample, by sampled weight).
 * The recordings span the whole run, stack start included.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static String summarize(Path dir, int top) throws IOException {
        StringBuilder md = new StringBuilder("Flight recordings of every app over the whole run (settings=profile), in " + dir + ".\n\n");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        if (files.isEmpty()) {
            return md.append("No recording was written.\n").toString();
        }
        for (Path file : files) {
            Map<String, Long> samples = new HashMap<>();
            Map<String, Long> allocations = new HashMap<>();
            long total = 0;
            long allocated = 0;
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent e = recording.readEvent();
                    String type = e.getEventType().getName();
                    if (type.equals("jdk.ExecutionSample")) {
                        samples.merge(topFrame(e.getStackTrace()), 1L, Long::sum);
                        total++;
                    } else if (type.equals("jdk.ObjectAllocationSample")) {
                        long weight = e.getLong("weight");
                        String cls = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
                        allocations.merge(topFrame(e.getStackTrace()) + " (" + cls + ")", weight, Long::sum);
                        allocated += weight;
                    }
                }
            } catch (IOException | RuntimeException e) {
                md.append("### ").append(file.getFileName()).append("\n\nunreadable: ").append(e.getMessage()).append("\n\n");
                continue;
            }
            String app = file.getFileName().toString().replace(".jfr", "");
            md.append("### ").append(app).append(": hot methods (").append(total).append(" execution samples)\n\n");
            md.append(table("method (top frame)", "share of samples", samples, total, top));
            md.append("### ").append(app).append(": allocation sites (").append(ReportWriter.number(allocated / 1e6)).append(" MB sampled weight)\n\n");
            md.append(table("site (top frame, class)", "share of weight", allocations, allocated, top));
        }
        return md.toString();
    }

    private static String table(String what, String share, Map<String, Long> counts, long total, int top) {
        StringBuilder md = new StringBuilder("| " + what + " | " + share + " |\n|---|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ")
                        .append(ReportWriter.number(100.0 * e.getValue() / Math.max(1, total))).append("% |\n"));
        return md.append("\n").toString();
    }

    private static String topFrame(RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) {
            return "(no stack)";
        }
        RecordedFrame f = trace.getFrames().get(0);
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}

package org.commercecore.benchmarks.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: cores, memory, JDK, operating system. */
public final class Machine {
    private Machine() {
    }

    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores (available to the JVM)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("CPU", cpuModel());
        m.put("memory", memTotal());
        m.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")"
                + prettyName());
        m.put("load average at start", loadAverage());
        return m;
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name", ":");
    }

    private static String memTotal() {
        String kb = firstLine(Path.of("/proc/meminfo"), "MemTotal", ":").replace("kB", "").trim();
        try {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static String prettyName() {
        String name = firstLine(Path.of("/etc/os-release"), "PRETTY_NAME", "=").replace("\"", "");
        return name.equals("unknown") ? "" : ", " + name;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(Path file, String key, String separator) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(separator) + 1).trim()).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

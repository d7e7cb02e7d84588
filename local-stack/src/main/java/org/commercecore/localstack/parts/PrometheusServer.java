package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prometheus, when one is installed (Debian's {@code prometheus}, or the copy .ci/promtool-check
 * unpacks), scraping every app of the stack on the ports it really has, with the alert rules of
 * {@code observability/prometheus/alerts.yml}. The stack writes the scrape configuration itself:
 * the checked-in {@code prometheus.yml} names the default ports, a test stack's are free ones.
 */
public final class PrometheusServer extends ServerProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private PrometheusServer(Process process, URI url) {
        super("prometheus", process, url, STOP_GRACE);
    }

    /** The binary: {@code prometheus} on the PATH, else the one unpacked under {@code home/target/promtool}. */
    public static Optional<Path> find(Path home, String path) {
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "prometheus")),
                        Stream.of(home.resolve("target/promtool/usr/bin/prometheus")))
                .filter(Files::isExecutable).findFirst();
    }

    /** The scrape configuration: a job per app (named after it), every 5 s, and the repository's alert rules. */
    public static String configuration(Map<String, URI> apps, Path alertRules) {
        String jobs = apps.entrySet().stream().map(app -> """
                  - job_name: %s
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(app.getKey(), app.getValue().getHost(), app.getValue().getPort())).collect(Collectors.joining());
        return """
                # written by the local stack for its own ports; observability/prometheus/prometheus.yml has the default ones
                global:
                  scrape_interval: 5s
                  evaluation_interval: 5s
                rule_files:
                  - "%s"
                scrape_configs:
                %s""".formatted(alertRules.toAbsolutePath(), jobs);
    }

    public static PrometheusServer start(Path binary, int port, Path dataDir, String configuration) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("prometheus.yml");
            Files.writeString(config, configuration);
            Path log = dataDir.resolve("prometheus.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dataDir.resolve("data"), "--storage.tsdb.retention.time=1d",
                    "--web.listen-address=127.0.0.1:" + port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Process process = builder.start();
            PrometheusServer prometheus = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"));
            prometheus.awaitHealthy("-/ready", Duration.ofSeconds(60), log);
            return prometheus;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Prometheus: " + e.getMessage(), e);
        }
    }

    @Override
    public String address() {
        return url() + " (every app scraped, alert rules of observability/ loaded: " + url() + "alerts)";
    }
}

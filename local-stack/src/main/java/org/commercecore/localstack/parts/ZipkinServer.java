package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Zipkin (the server's executable jar, from Maven) in a JVM of its own, on loopback, keeping spans
 * in memory only: the local stack's trace store. Its UI and API are at the same address; the apps'
 * agents send spans to {@link #spansEndpoint()}.
 */
public final class ZipkinServer extends ServerProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Enough for a few thousand orders' traces; the oldest traces go first, so a benchmark run cannot fill the heap. */
    private static final int MAX_SPANS = 200_000;

    private ZipkinServer(Process process, URI url) {
        super("zipkin", process, url, STOP_GRACE);
    }

    public static ZipkinServer start(Path executableJar, int port, Path dataDir) {
        if (!Files.isRegularFile(executableJar)) {
            throw new IllegalStateException("Zipkin's jar not found at " + executableJar + "; build the local stack: mvn -pl local-stack package");
        }
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("zipkin.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // the whole port entry is given: Spring binds a list from one source, so only an ip would lose the port
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", executableJar.toString(),
                    "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port, "--armeria.ports[0].protocols[0]=http"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("STORAGE_TYPE", "mem");
            builder.environment().put("MEM_MAX_SPANS", String.valueOf(MAX_SPANS));
            // spans arrive over HTTP only: no gRPC collector, and no Kafka or RabbitMQ collector even if such variables are set
            builder.environment().put("COLLECTOR_GRPC_ENABLED", "false");
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().remove("RABBIT_ADDRESSES");
            builder.environment().remove("RABBIT_URI");
            Process process = builder.start();
            ZipkinServer zipkin = new ZipkinServer(process, URI.create("http://127.0.0.1:" + port + "/"));
            zipkin.awaitHealthy("health", Duration.ofSeconds(90), log);
            return zipkin;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Zipkin: " + e.getMessage(), e);
        }
    }

    /** Where an agent posts spans (Zipkin's v2 JSON API). */
    public URI spansEndpoint() {
        return url().resolve("api/v2/spans");
    }

    @Override
    public String address() {
        return url() + "zipkin/ (traces; API at " + url() + "api/v2/)";
    }
}

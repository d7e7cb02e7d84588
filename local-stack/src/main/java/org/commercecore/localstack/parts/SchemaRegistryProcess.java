package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The schema registry (Apicurio, built by the schema-registry module) in a JVM of its own: it
 * carries Quarkus 2.16 and Kafka 2.8 classes that must not meet ours. Storage is an H2 file
 * under {@code dataDir}, so registered schemas and their ids survive a restart.
 */
public final class SchemaRegistryProcess implements Part {
    private final Process process;
    private final URI url;

    private SchemaRegistryProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    public static SchemaRegistryProcess start(Path runnableJar, int port, Path dataDir) {
        if (!Files.isRegularFile(runnableJar)) {
            throw new IllegalStateException("schema registry jar not found at " + runnableJar
                    + "; build it first: mvn -pl schema-registry package");
        }
        try {
            Files.createDirectories(dataDir);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-jar", runnableJar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("registry.log").toFile());
            builder.environment().put("HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.resolve("registry").toAbsolutePath());
            builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
            Process process = builder.start();
            SchemaRegistryProcess registry = new SchemaRegistryProcess(process, URI.create("http://127.0.0.1:" + port));
            registry.awaitHealthy(Duration.ofSeconds(90), dataDir.resolve("registry.log"));
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the schema registry: " + e.getMessage(), e);
        }
    }

    private void awaitHealthy(Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(url.resolve("/apis/ccompat/v7/subjects")).timeout(Duration.ofSeconds(2))
                .GET().build();
        try {
            Waits.until("schema registry at " + url, timeout, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the registry process exited with " + process.exitValue()
                            + "; see " + log);
                }
                return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.toHandle());
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public String address() {
        return url.toString();
    }

    @Override
    public void close() {
        ChildProcess.stop(process, Duration.ofSeconds(20)); // SIGTERM first: the process closes cleanly
    }
}

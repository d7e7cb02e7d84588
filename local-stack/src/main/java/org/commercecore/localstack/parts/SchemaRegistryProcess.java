package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.URI;
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
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

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
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", runnableJar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("registry.log").toFile());
            builder.environment().put("HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.resolve("registry").toAbsolutePath());
            builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
            Process process = builder.start();
            SchemaRegistryProcess registry = new SchemaRegistryProcess(process, URI.create("http://127.0.0.1:" + port));
            ChildProcess.awaitHealthy("schema registry", process, registry.url.resolve("/apis/ccompat/v7/subjects"),
                    Duration.ofSeconds(90), dataDir.resolve("registry.log"), STOP_GRACE);
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the schema registry: " + e.getMessage(), e);
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
        ChildProcess.stop(process, STOP_GRACE); // SIGTERM first: the registry closes its storage cleanly
    }
}

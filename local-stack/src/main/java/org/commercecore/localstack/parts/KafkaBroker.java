package org.commercecore.localstack.parts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;

/**
 * One real KRaft node (broker and controller roles) in a JVM of its own, so that it can be killed
 * and restarted alone while the rest of the stack runs. Its log lives under its data directory, so
 * a restart keeps every topic. {@link KafkaCluster} starts one or three of them.
 */
public final class KafkaBroker implements Part {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** A broker's JVM: the heap a KRaft node with this stack's few hundred partitions needs, and C1 only, like the apps. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Path propsFile;
    private final Path log;
    private final Path classpathFile;
    private Respawnable process;

    private KafkaBroker(String name, int port, Path propsFile, Path log, Path classpathFile) {
        this.name = name;
        this.port = port;
        this.propsFile = propsFile;
        this.log = log;
        this.classpathFile = classpathFile;
    }

    /**
     * Writes the node's configuration, formats its storage with {@code clusterId} if it has none yet,
     * and starts it. The caller waits for the cluster: a node alone has no quorum until a majority runs.
     */
    static KafkaBroker launch(String name, int port, Properties props, Path nodeDir, String clusterId, Path classpathFile) {
        try {
            Files.createDirectories(nodeDir);
            Path propsFile = nodeDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(propsFile)) {
                props.store(w, "written by commerce-core local-stack");
            }
            if (!Files.exists(Path.of(props.getProperty("log.dirs")).resolve("meta.properties"))) {
                format(propsFile, clusterId);
            }
            KafkaBroker broker = new KafkaBroker(name, port, propsFile, nodeDir.resolve("kafka.log"), classpathFile);
            broker.spawn();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the data directory of " + name + " in " + nodeDir + ": " + e.getMessage(), e);
        }
    }

    /** Formats a new node's storage; a restart keeps the existing storage and its cluster id. */
    private static void format(Path propsFile, String clusterId) {
        String[] args = {"format", "-t", clusterId, "-c", propsFile.toString()};
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            StorageTool.execute(args, quiet);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage failed: " + e.getMessage(), e);
        }
    }

    private void spawn() throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the local stack is not built (" + classpathFile + " missing): run mvn -DskipTests install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", Files.readString(classpathFile).trim(), "kafka.Kafka", propsFile.toString()));
        process = new Respawnable(name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
    }

    /** Exited already: the node did not start (its log says why). */
    void checkAlive() {
        if (!process.process().isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.process().exitValue() + "; its log (" + log + ") ends with:\n"
                    + LogTail.of(log, 20));
        }
    }

    /** SIGKILL, as a crash would: for fault tests. The node's data stays for {@link #restart}. */
    public void kill() {
        process.kill();
    }

    /** Starts the node again on its data (after {@link #kill} or {@link #close}); the cluster tells when it is back. */
    public void restart() {
        process.respawn();
    }

    public boolean isAlive() {
        return process.process().isAlive();
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.process().toHandle());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** SIGTERM: a controlled shutdown that moves its leaderships away, then a kill after the grace. */
    @Override
    public void close() {
        ChildProcess.stop(process.process(), STOP_GRACE);
    }
}

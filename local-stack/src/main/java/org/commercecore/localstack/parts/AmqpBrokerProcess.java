package org.commercecore.localstack.parts;

import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.commercecore.platform.tasks.AmqpConnections;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * The stack's AMQP 0-9-1 broker (Apache Qpid Broker-J, built by the amqp-broker module) in a JVM of
 * its own: its classpath (Jackson 3, BouncyCastle) must not meet ours. On loopback, with the run's
 * login; messages are kept in memory, so a restart of the stack's broker loses queued tasks.
 */
public final class AmqpBrokerProcess implements Part {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final TaskSettings.Broker broker;

    private AmqpBrokerProcess(Process process, TaskSettings.Broker broker) {
        this.process = process;
        this.broker = broker;
    }

    public static AmqpBrokerProcess start(Path module, TaskSettings.Broker broker, Path dataDir) {
        Path classpathFile = module.resolve("target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the AMQP broker is not built (" + classpathFile + " missing); run mvn -DskipTests install");
        }
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("amqp-broker.log");
            String classpath = module.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classpath, "org.commercecore.amqpbroker.AmqpBrokerMain"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("COMMERCE_AMQP_BROKER_HOST", broker.url().getHost());
            builder.environment().put("COMMERCE_AMQP_BROKER_PORT", String.valueOf(broker.url().getPort()));
            builder.environment().put("COMMERCE_AMQP_BROKER_USER", broker.user());
            builder.environment().put("COMMERCE_AMQP_BROKER_PASSWORD", broker.password());
            builder.environment().put("COMMERCE_AMQP_BROKER_WORK_DIR", dataDir.resolve("work").toString());
            Process process = builder.start();
            AmqpBrokerProcess started = new AmqpBrokerProcess(process, broker);
            try {
                Waits.until("the AMQP broker at " + broker, START_TIMEOUT, () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the AMQP broker exited with " + process.exitValue() + "; see " + log);
                    }
                    return logsIn(broker);
                });
            } catch (RuntimeException e) {
                ChildProcess.stop(process, STOP_GRACE);
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the AMQP broker: " + e.getMessage(), e);
        }
    }

    /** The broker takes the login (a probe for a broker the stack is given, too). */
    public static boolean logsIn(TaskSettings.Broker broker) throws IOException {
        try (Connection connection = AmqpConnections.open(broker, "local-stack probe")) {
            return connection.isOpen();
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.toHandle());
    }

    @Override
    public String name() {
        return "amqp-broker";
    }

    @Override
    public String address() {
        return broker + " (Qpid Broker-J; user " + broker.user() + ", password in the credentials file)";
    }

    @Override
    public void close() {
        ChildProcess.stop(process, STOP_GRACE);
    }
}

package org.commercecore.notificationse2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.notifications.NotificationsApp;
import org.commercecore.platform.tasks.TaskSettings;

/** The notifications app's real main() in a JVM of its own, so a test can kill it (SIGKILL) and start it again. */
final class NotificationsProcess {
    private final StackAddresses stack;
    private final Path stateDir;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    NotificationsProcess(StackAddresses stack, Path stateDir, Map<String, String> environment) {
        this.stack = stack;
        this.stateDir = stateDir;
        this.environment = environment;
    }

    void start() throws IOException {
        Path log = stateDir.resolveSibling("notifications-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NotificationsApp.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("COMMERCE_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        builder.environment().put("COMMERCE_REGISTRY_URL", stack.registryUrl().toString());
        builder.environment().put("COMMERCE_STATE_DIR", stateDir.toString());
        // its code mail worker consumes from the stack's broker too
        builder.environment().put(TaskSettings.AMQP_URL.envName(), stack.amqp().url().toString());
        builder.environment().put(TaskSettings.AMQP_USER.envName(), stack.amqp().user());
        builder.environment().put(TaskSettings.AMQP_PASSWORD.envName(), stack.amqp().password());
        builder.environment().put("COMMERCE_HTTP_PORT", "0");
        process = builder.start();
        await("the notifications app running; its log: " + log).atMost(Duration.ofSeconds(120))
                .until(() -> !process.isAlive() || (Files.exists(log) && Files.readString(log).contains("-> RUNNING")
                        && Files.readString(log).contains("took over notification partitions")));
        if (!process.isAlive()) {
            throw new IllegalStateException("the notifications app exited; its log: " + log + "\n" + Files.readString(log));
        }
    }

    /** SIGKILL: no clean shutdown, open transactions left to be aborted by the next start. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM: the service runner's orderly stop. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

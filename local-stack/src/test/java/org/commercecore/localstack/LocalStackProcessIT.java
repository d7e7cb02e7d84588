package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.commercecore.localstack.junit.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * The local-stack command as an operator runs it, in a process of its own: SIGTERM stops every
 * process it spawned, and after a SIGKILL the next start stops what the killed one left behind.
 */
class LocalStackProcessIT {
    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void sigtermStopsEverythingAndTheNextStartCleansUpAfterASigkill() throws Exception {
        Path runDir = Path.of("target", "local-stack-process").toAbsolutePath();
        // a log per launch: each one's output is kept for whoever reads a failure
        Path log = runDir.resolveSibling("local-stack-process-1.log");
        Files.createDirectories(runDir);
        Map<String, String> env = Map.of(
                "COMMERCE_LOCAL_RUN_DIR", runDir.toString(),
                "COMMERCE_LOCAL_KAFKA_PORT", String.valueOf(FreePorts.pair()),
                "COMMERCE_LOCAL_REGISTRY_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_POSTGRES_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_REDIS_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_CONNECT_PORT", String.valueOf(FreePorts.one()));

        List<Process> launched = new java.util.ArrayList<>();
        try {
            Process first = launched(launched, launch(env, log, "--fresh", "--no-apps"));
            Set<ProcessHandle> spawned = recorded(runDir);
            assertThat(spawned).hasSize(3);
            first.destroy(); // SIGTERM, like Ctrl-C
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            assertThat(Files.readString(log)).contains("local stack stopped");
            assertThat(spawned).as("every spawned process is gone once the stack has exited").noneMatch(ProcessHandle::isAlive);

            Process second = launched(launched, launch(env, runDir.resolveSibling("local-stack-process-2.log"), "--no-apps"));
            Set<ProcessHandle> orphans = recorded(runDir);
            second.destroyForcibly(); // SIGKILL: no shutdown hook runs
            second.waitFor(30, TimeUnit.SECONDS);
            assertThat(orphans).as("SIGKILL leaves the spawned processes running").anyMatch(ProcessHandle::isAlive);

            Process third = launched(launched, launch(env, runDir.resolveSibling("local-stack-process-3.log"), "--no-apps"));
            assertThat(orphans).as("the next start stopped them").noneMatch(ProcessHandle::isAlive);
            third.destroy();
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(runDir.resolve("processes")).as("a clean stop leaves nothing to clean up").doesNotExist();
        } finally {
            // a failed check must not leave a stack running (it would hold ports and break later tests)
            for (Process p : launched) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static Process launched(List<Process> launched, Process process) {
        launched.add(process);
        return process;
    }

    /** Starts LocalStackMain in a JVM of its own and waits until it says it is ready. */
    private static Process launch(Map<String, String> env, Path log, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dcommerce.home=" + StackSettings.findHome(),
                "-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(250))
                    .until(() -> !process.isAlive() || Files.readString(log).contains("Press Ctrl-C"));
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("local stack not ready within " + START + ":\n" + Files.readString(log), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("local stack exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
        return process;
    }

    /** The processes the running stack recorded: the registry JVM, Redis and PostgreSQL. */
    private static Set<ProcessHandle> recorded(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("processes")).stream().filter(l -> !l.isBlank())
                .map(l -> ProcessHandle.of(Long.parseLong(l.split(" ")[1])))
                .flatMap(java.util.Optional::stream).collect(Collectors.toSet());
    }
}

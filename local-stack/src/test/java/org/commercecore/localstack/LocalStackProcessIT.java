package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * process it spawned, and after a SIGKILL the next start stops what the killed one left behind. Its
 * secrets are generated into an owner-only file, kept by the runs that keep the data, never printed,
 * and Connect's REST API takes the login from that file and nothing less.
 */
class LocalStackProcessIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sigtermStopsEverythingAndTheNextStartCleansUpAfterASigkill() throws Exception {
        Path runDir = Path.of("target", "local-stack-process").toAbsolutePath();
        // a log per launch: each one's output is kept for whoever reads a failure
        Path log = runDir.resolveSibling("local-stack-process-1.log");
        Files.createDirectories(runDir);
        int connectPort = FreePorts.one();
        Map<String, String> env = Map.of(
                "COMMERCE_LOCAL_RUN_DIR", runDir.toString(),
                "COMMERCE_LOCAL_KAFKA_PORT", String.valueOf(FreePorts.pair()),
                "COMMERCE_LOCAL_REGISTRY_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_POSTGRES_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_REDIS_PORT", String.valueOf(FreePorts.one()),
                "COMMERCE_LOCAL_CONNECT_PORT", String.valueOf(connectPort),
                "COMMERCE_LOCAL_AMQP_PORT", String.valueOf(FreePorts.one()));
        URI connect = URI.create("http://127.0.0.1:" + connectPort + "/connectors");
        Path credentials = runDir.resolve(StackCredentials.FILE_NAME);

        List<Process> launched = new java.util.ArrayList<>();
        try {
            Process first = launched(launched, launch(env, log, "--fresh", "--no-apps"));
            Set<ProcessHandle> spawned = recorded(runDir);
            assertThat(spawned).as("Kafka broker, registry, PostgreSQL, Redis, AMQP broker").hasSize(5);
            assertThat(Files.getPosixFilePermissions(credentials)).as("the credentials file is the user's only")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(runDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Map<String, String> secrets = read(credentials);
            assertThat(secrets).containsKeys("COMMERCE_AUTH_TOKEN_SECRET", "COMMERCE_AUTH_BOOTSTRAP_ADMIN_PASSWORD",
                    "COMMERCE_CONNECT_USER", "COMMERCE_CONNECT_PASSWORD", "COMMERCE_PEER_SECRET", "COMMERCE_AMQP_PASSWORD");
            assertThat(secrets.get("COMMERCE_AUTH_BOOTSTRAP_ADMIN_PASSWORD")).as("not the published default")
                    .isNotEqualTo("dev-only-admin-password").hasSizeGreaterThanOrEqualTo(43);
            assertThat(Files.readString(log)).as("the stack says where its secrets are, never what they are")
                    .contains(credentials.toString()).contains("admin@commerce.local")
                    .doesNotContain(secrets.get("COMMERCE_CONNECT_PASSWORD"), secrets.get("COMMERCE_AUTH_TOKEN_SECRET"),
                            secrets.get("COMMERCE_AUTH_BOOTSTRAP_ADMIN_PASSWORD"), secrets.get("COMMERCE_PEER_SECRET"),
                            secrets.get("COMMERCE_AMQP_PASSWORD"));
            assertThat(status(connect, null)).as("Connect without a login").isEqualTo(401);
            assertThat(status(connect, new ConnectCredentials(secrets.get("COMMERCE_CONNECT_USER"), "dev-only")))
                    .as("Connect with a wrong password").isEqualTo(401);
            ConnectCredentials login = new ConnectCredentials(secrets.get("COMMERCE_CONNECT_USER"),
                    secrets.get("COMMERCE_CONNECT_PASSWORD"));
            assertThat(status(connect, login)).as("Connect with the file's login").isEqualTo(200);
            first.destroy(); // SIGTERM, like Ctrl-C
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            assertThat(Files.readString(log)).contains("local stack stopped");
            assertThat(spawned).as("every spawned process is gone once the stack has exited").noneMatch(ProcessHandle::isAlive);

            Process second = launched(launched, launch(env, runDir.resolveSibling("local-stack-process-2.log"), "--no-apps"));
            assertThat(read(credentials)).as("a run keeping the data keeps its secrets").isEqualTo(secrets);
            assertThat(status(connect, login)).isEqualTo(200);
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

    private static int status(URI url, ConnectCredentials login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
        if (login != null) {
            request.header("Authorization", login.authorizationHeader());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The file's KEY=value lines, as a shell sourcing it would see them. */
    private static Map<String, String> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
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

package org.commercecore.localstack.parts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * One commerce-core app in a JVM of its own, started from its module's build output with the
 * stack's addresses as its {@code COMMERCE_*} environment, like in production. Healthy once its
 * {@code /health/ready} answers 200; while it restores its state, the stack logs the progress.
 */
public final class AppProcess implements Part {
    private static final List<String> INHERITED_SECRETS = List.of(PlatformSettings.TOKEN_SECRET.envName(),
            PlatformSettings.PEER_SECRET.envName(), PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD.envName(),
            ConnectSettings.CONNECT_USER.envName(), ConnectSettings.CONNECT_PASSWORD.envName(), TaskSettings.AMQP_PASSWORD.envName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    /** How long the stack waits for an app to get ready, or for its restoration's next progress. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The heap, collector and compiler every app runs with (the benchmarks report them, and give their own
     * child JVMs the same). C1 only: the stack runs about ten JVMs on a developer's machine, and C2 kept
     * recompiling in every one of them for minutes, a core's worth on two cores, so every hop queued for
     * CPU. Measured with benchmarks/run on 2 cores (benchmarks/analysis.md): the stack at rest 1.0 → 0.33
     * cores busy, 20 orders/s 1.95 → 1.26 cores, full-path p50 at 50/s 1.37 → 1.14 s; the saga burst
     * loses about a fifth of its peak rate (630 → 511 orders/s, median of two trials). A production JVM
     * on cores of its own keeps the default tiered compiler.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Respawnable process;
    private final Path log;
    private final URI health;

    private AppProcess(String name, ProcessBuilder launch, Path log, URI health) throws IOException {
        this.name = name;
        this.process = new Respawnable(name, launch);
        this.log = log;
        this.health = health;
    }

    /**
     * Where an app's build output is, which class runs it, its Kafka Streams application id if it is
     * a Streams app (the stack prepares its dead-letter topic), settings of its own (over the stack's),
     * and the variables of the stack's secrets it reads (only those are handed to it).
     */
    public record App(String name, String module, String mainClass, Optional<String> applicationId,
                      Map<String, String> environment, List<String> secrets) {
        public App {
            environment = Map.copyOf(environment);
            secrets = List.copyOf(secrets);
        }

        /** An app that runs no Kafka Streams. */
        public App(String name, String module, String mainClass) {
            this(name, module, mainClass, Optional.empty(), Map.of(), List.of());
        }

        /** A Streams app, named after its application id. */
        public static App streams(String applicationId, String module, String mainClass) {
            return new App(applicationId, module, mainClass, Optional.of(applicationId), Map.of(), List.of());
        }

        /** The same app, handed the stack's values of these secrets (by variable). */
        public App readingSecrets(String... variables) {
            return new App(name, module, mainClass, applicationId, environment, List.of(variables));
        }
    }

    /**
     * What a caller adds to one app's launch beyond the stack's own: JVM options after {@link #JVM_OPTIONS}
     * (the benchmarks' {@code --profile} adds a flight recording) and variables over the app's environment
     * (the benchmarks give the command API a longer access-token lifetime). The stack itself adds none.
     */
    public record Extras(List<String> jvmOptions, Map<String, String> environment) {
        public static final Extras NONE = new Extras(List.of(), Map.of());

        public Extras {
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }

        /** These and then {@code more}'s (whose variables win where both set one). */
        public Extras and(Extras more) {
            List<String> options = new java.util.ArrayList<>(jvmOptions);
            options.addAll(more.jvmOptions());
            Map<String, String> variables = new java.util.LinkedHashMap<>(environment);
            variables.putAll(more.environment());
            return new Extras(options, variables);
        }
    }

    public static AppProcess start(App app, Path home, Map<String, String> environment, int httpPort, Path runDir) {
        return start(app, home, environment, httpPort, runDir, Extras.NONE);
    }

    public static AppProcess start(App app, Path home, Map<String, String> environment, int httpPort, Path runDir, Extras extras) {
        Path module = home.resolve(app.module());
        Path classpathFile = module.resolve("target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(app.name() + " is not built (" + classpathFile + " missing); run mvn -DskipTests install");
        }
        try {
            Files.createDirectories(runDir);
            String classpath = module.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            Path log = runDir.resolve(app.name() + ".log");
            List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(extras.jvmOptions());
            command.addAll(List.of("-cp", classpath, app.mainClass()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // The stack's own shell may hold every secret (a sourced credentials file): an app gets only those handed to it.
            INHERITED_SECRETS.forEach(builder.environment()::remove);
            builder.environment().putAll(environment);
            builder.environment().put(PlatformSettings.STATE_DIR.envName(), runDir.resolve("state").toString());
            builder.environment().put(PlatformSettings.HTTP_PORT.envName(), String.valueOf(httpPort));
            builder.environment().put(PlatformSettings.SERVICE_NAME.envName(), app.name());
            builder.environment().putAll(app.environment());
            builder.environment().putAll(extras.environment());
            AppProcess started = new AppProcess(app.name(), builder, log, URI.create("http://127.0.0.1:" + httpPort + "/health/ready"));
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + app.name() + ": " + e.getMessage(), e);
        }
    }

    /** Longer while the app's state restoration makes progress, logged as it goes. */
    private void awaitReady() {
        ChildProcess.awaitReady(name, process.process(), health, READY_TIMEOUT, log, STOP_GRACE);
    }

    /** SIGKILL, as a crash would (for fault tests); its state directory stays for {@link #restart}. */
    public void kill() {
        process.kill();
    }

    /** Starts the app again as it was first started (same port, state directory and settings), and waits until it is ready. */
    public void restart() {
        process.respawn();
        awaitReady();
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.process().toHandle());
    }

    @Override
    public String name() {
        return name;
    }

    /** Where the app serves HTTP. */
    public URI baseUrl() {
        return health.resolve("/");
    }

    @Override
    public String address() {
        return health.resolve("/").toString() + " (health, metrics)";
    }

    @Override
    public void close() {
        ChildProcess.stop(process.process(), STOP_GRACE); // SIGTERM first: the app closes its streams cleanly
    }
}

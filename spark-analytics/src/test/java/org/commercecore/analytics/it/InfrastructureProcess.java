package org.commercecore.analytics.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real parts the analytics tests need (KRaft broker, schema registry, PostgreSQL), started by
 * the local stack in a JVM of its own: the stack's classpath has kafka-streams, whose Jackson
 * breaks Spark's, so it cannot share this one. {@code local-stack/run --no-apps} on free ports,
 * read back from the variables it prints; one per test JVM, stopped when the JVM ends.
 */
public final class InfrastructureProcess {
    private static final Path HOME = Path.of(System.getProperty("commerce.home", "..")).toAbsolutePath().normalize();
    private static final String READY = "Press Ctrl-C to stop.";
    private static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();
    private static InfrastructureProcess shared;

    private final Process process;
    private final Map<String, String> environment;

    private InfrastructureProcess(Process process, Map<String, String> environment) {
        this.process = process;
        this.environment = environment;
    }

    public static synchronized InfrastructureProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "analytics-it-stack-stop"));
        }
        return shared;
    }

    /** What the stack prints for apps: COMMERCE_KAFKA_BOOTSTRAP_SERVERS, COMMERCE_REGISTRY_URL, COMMERCE_POSTGRES_*. */
    public String get(String variable) {
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalStateException("the local stack printed no " + variable + ": " + environment.keySet());
        }
        return value;
    }

    private static InfrastructureProcess start() {
        Path classpathFile = HOME.resolve("local-stack/target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: the local stack is built before this module");
        }
        try {
            String classpath = HOME.resolve("local-stack/target/classes") + java.io.File.pathSeparator
                    + Files.readString(classpathFile).trim();
            Path runDir = Path.of("target", "analytics-it-stack").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "org.commercecore.localstack.LocalStackMain",
                    "--fresh", "--no-apps"))
                    .directory(HOME.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("COMMERCE_"));
            env.put("COMMERCE_HOME", HOME.toString());
            env.put("COMMERCE_LOCAL_RUN_DIR", runDir.toString());
            int kafka = freePort(2);
            env.put("COMMERCE_LOCAL_KAFKA_PORT", Integer.toString(kafka));
            for (String part : List.of("REGISTRY", "POSTGRES", "REDIS", "CONNECT", "AMQP", "SMTP", "IMAP", "GATEWAY")) {
                env.put("COMMERCE_LOCAL_" + part + "_PORT", Integer.toString(freePort(1)));
            }
            env.put("COMMERCE_LOCAL_APPS_PORT", Integer.toString(freePort(12))); // app i takes base + i
            Process process = builder.start();
            Map<String, String> printed = new LinkedHashMap<>();
            Deque<String> tail = new ArrayDeque<>();
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> readUntilReady(process, printed, tail));
            boolean up;
            try {
                up = ready.get(5, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                up = false;
            }
            if (!up) {
                process.destroyForcibly();
                throw new IllegalStateException("the local stack did not come up; its last lines:\n" + String.join("\n", tail));
            }
            System.out.println("analytics tests: local stack (no apps) up: " + printed);
            return new InfrastructureProcess(process, Map.copyOf(printed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads the stack's output up to its ready line, keeping the variables; then keeps draining it. */
    private static boolean readUntilReady(Process process, Map<String, String> printed, Deque<String> tail) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                String trimmed = line.trim();
                if (trimmed.startsWith("COMMERCE_") && trimmed.contains("=")) {
                    int eq = trimmed.indexOf('=');
                    printed.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
                }
                if (trimmed.equals(READY)) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "analytics-it-stack-output");
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A port (and the {@code count - 1} after it) free now, below the ephemeral range other clients draw from. */
    private static int freePort(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean clash = false;
            for (int p = port; p < port + count; p++) {
                clash |= TAKEN.contains(p);
            }
            if (!clash && allFree(port, count)) {
                for (int p = port; p < port + count; p++) {
                    TAKEN.add(p);
                }
                return port;
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 30000");
    }

    private static boolean allFree(int port, int count) {
        for (int p = port; p < port + count; p++) {
            try (ServerSocket socket = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}

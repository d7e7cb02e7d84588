package org.commercecore.benchmarks.stack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackCredentials;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.demo.ApiClient;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.localstack.parts.KafkaCluster;
import org.commercecore.localstack.parts.Part;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.serde.AvroSerdes;

/**
 * The stack a benchmark run measures: every part embedded and every app in a JVM of its own, as
 * {@code local-stack/run} starts them, but on free ports and in a run directory of its own (wiped at
 * start), so it never meets a developer's stack. Three launch changes, all through
 * {@link LocalStack#withAppExtras}: the command API's access tokens live for the whole run (customers
 * log in once, before the trials), the orders app's saga deadline is longer than any trial, and with
 * {@code --profile} every app records a flight recording.
 */
public final class BenchStack implements AutoCloseable {
    /** Longer than any run: a token issued before the trials must still be valid after the last one. */
    public static final String ACCESS_LIFETIME = "12h";
    /** Requests per second and burst per user and per address at the gateway during a run (the report says so). */
    public static final String GATEWAY_LIMIT = "1000000";
    /**
     * The orders app's saga deadline during a run: above the ceiling, orders queue for about as long
     * as the default deadline, which would then decide outcomes the trials plan and count.
     */
    public static final String SAGA_DEADLINE = "10m";

    private final LocalStack stack;
    private final Optional<Path> jfrDir;
    private final Path runDir;
    private final Admin admin;
    private final AvroSerdes serdes;
    private final String adminToken;

    private BenchStack(LocalStack stack, Path runDir, Optional<Path> jfrDir) {
        this.stack = stack;
        this.runDir = runDir;
        this.jfrDir = jfrDir;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
        this.serdes = AvroSerdes.forRegistry(stack.addresses().registryUrl());
        String password = stack.credentials().value(StackCredentials.ADMIN_PASSWORD)
                .orElseThrow(() -> new IllegalStateException("the stack made up no admin password"));
        this.adminToken = ApiClient.expect(new ApiClient(commandApi()).post("/auth/login",
                Map.of("email", PlatformSettings.BOOTSTRAP_ADMIN_EMAIL.devDefault().orElseThrow(), "password", password), null),
                "admin login", 200).path("access_token").asText();
    }

    /** Partitions of every scaled topic: COMMERCE_TOPICS_PARTITIONS when set, else what the local stack uses on one machine. */
    public static int partitions() {
        return org.commercecore.platform.config.ConfigSource.fromEnvironment().lookup(PlatformSettings.TOPIC_PARTITIONS)
                .orElse(StackSettings.ONE_MACHINE_PARTITIONS);
    }

    /** {@code trace}: every app runs with the tracing agent, sending to a Zipkin of the stack's (as local-stack/run --observe). */
    public static BenchStack start(Path home, Path runDir, boolean profile, boolean trace) {
        // beside the run dir, not in it: the stack wipes its run dir as it starts, before the apps
        // (whose JVMs refuse to start without a writable recording file)
        Path jfr = runDir.resolveSibling(runDir.getFileName() + "-jfr");
        StackSettings settings = StackSettings.embedded(home, runDir, FreePorts.pair(), FreePorts.one(), FreePorts.one(),
                FreePorts.one(), FreePorts.one(), FreePorts.one()).withApps(FreePorts.block(LocalStack.APPS.size()), FreePorts.one(), partitions());
        if (profile) {
            try {
                Files.createDirectories(jfr);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create " + jfr + " for the flight recordings", e);
            }
        }
        LocalStack stack = new LocalStack(settings).withAppExtras(app -> extras(app, profile, jfr)).observed(trace ? FreePorts.one() : 0, 0);
        stack.startWith(LocalStack.defaultTopics());
        try {
            return new BenchStack(stack, runDir.toAbsolutePath(), profile ? Optional.of(jfr) : Optional.empty());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static AppProcess.Extras extras(AppProcess.App app, boolean profile, Path jfrDir) {
        List<String> jvm = new ArrayList<>();
        if (profile) {
            // written when the app exits (the stack stops apps with SIGTERM, which runs JFR's shutdown hook)
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrDir.resolve(app.name() + ".jfr"));
        }
        Map<String, String> env = switch (app.name()) {
            case "command-api" -> Map.of("COMMERCE_AUTH_ACCESS_LIFETIME", ACCESS_LIFETIME);
            case "commerce-orders" -> Map.of("COMMERCE_ORDERS_SAGA_DEADLINE", SAGA_DEADLINE);
            // the benchmark's few shoppers send far more than a person would: the gateway's limits must not be what is measured
            case LocalStack.GATEWAY -> Map.of("COMMERCE_GATEWAY_LIMIT_USER_PER_SECOND", GATEWAY_LIMIT, "COMMERCE_GATEWAY_LIMIT_USER_BURST", GATEWAY_LIMIT,
                    "COMMERCE_GATEWAY_LIMIT_ANONYMOUS_PER_SECOND", GATEWAY_LIMIT, "COMMERCE_GATEWAY_LIMIT_ANONYMOUS_BURST", GATEWAY_LIMIT);
            default -> Map.of();
        };
        return new AppProcess.Extras(jvm, env);
    }

    public String bootstrap() {
        return stack.addresses().kafkaBootstrapServers();
    }

    public URI registryUrl() {
        return stack.addresses().registryUrl();
    }

    public URI commandApi() {
        return app("command-api");
    }

    public List<URI> queryApis() {
        return List.of(app("query-api-1"), app("query-api-2"));
    }

    /** The gateway's public path space, {@code .../api/v1/}. */
    public URI gateway() {
        return stack.gatewayUrl().orElseThrow(() -> new IllegalStateException("the gateway is not running")).resolve("/api/v1/");
    }

    private URI app(String name) {
        return stack.appUrl(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    public String postgresUrl() {
        return stack.addresses().postgresJdbcUrl();
    }

    public String postgresUser() {
        return stack.addresses().postgresUser();
    }

    public String postgresPassword() {
        return stack.addresses().postgresPassword();
    }

    public Admin admin() {
        return admin;
    }

    /** Every topic on the broker now, internal ones included (the stage tracers leave out what the topology lacks). */
    public java.util.Set<String> topicNames() {
        try {
            return admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    public String adminToken() {
        return adminToken;
    }

    public Optional<Path> jfrDir() {
        return jfrDir;
    }

    public Duration startupTime() {
        return stack.startupTime();
    }

    public String describe() {
        return stack.describe();
    }

    /** Every process of the stack by part name (broker, registry, Connect, PostgreSQL, Redis, each app). */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> out = new LinkedHashMap<>();
        for (Part p : stack.parts()) {
            if (p instanceof KafkaCluster cluster) {
                // each broker is a JVM of its own
                cluster.brokers().forEach(b -> b.process().ifPresent(h -> out.put(b.name(), h)));
            }
            p.process().ifPresent(h -> out.put(p.name(), h));
        }
        return out;
    }

    /** Parts running inside this JVM (their CPU is the benchmark JVM's). */
    public List<String> inProcessParts() {
        return stack.parts().stream().filter(p -> p.process().isEmpty() && !(p instanceof KafkaCluster)).map(Part::name).sorted().toList();
    }

    /** The state directory of one app (Kafka Streams keeps its process id there). */
    public Path appStateDir(String app) {
        return runDir.resolve("apps").resolve(app).resolve("state");
    }

    public Path runDir() {
        return runDir;
    }

    /** Stops the apps only (SIGTERM, as the stack does), e.g. so their flight recordings are written; close() stops the rest. */
    public void stopApps() {
        stack.parts().stream().filter(AppProcess.class::isInstance).forEach(Part::close);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        stack.close();
    }
}

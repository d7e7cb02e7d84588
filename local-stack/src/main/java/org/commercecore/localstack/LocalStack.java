package org.commercecore.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.commercecore.localstack.parts.ConnectWorker;
import org.commercecore.localstack.parts.EmbeddedPostgres;
import org.commercecore.localstack.parts.EmbeddedRedis;
import org.commercecore.localstack.parts.ExternalPart;
import org.commercecore.localstack.parts.KafkaBroker;
import org.commercecore.localstack.parts.Part;
import org.commercecore.localstack.parts.SchemaRegistryProcess;
import org.commercecore.platform.registry.Compatibility;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the real parts commerce-core runs on, waits until each is healthy, then prepares the
 * platform: BACKWARD compatibility as the registry's global rule, every schema registered one
 * after another, every topic created. Closing stops the embedded parts in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final List<Part> parts;
    private final StackAddresses addresses;
    private final Duration startup;

    private LocalStack(List<Part> parts, StackAddresses addresses, Duration startup) {
        this.parts = parts;
        this.addresses = addresses;
        this.startup = startup;
    }

    /**
     * Starts the stack and prepares the given topics (their schemas registered, the topics created).
     * Independent parts start in parallel; Connect waits for Kafka.
     */
    public static LocalStack start(StackSettings settings, Collection<? extends Topic<?, ?>> topics) {
        long began = System.nanoTime();
        Path runDir = prepareRunDir(settings);
        List<Part> started = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            var kafka = async(pool, started, () -> settings.kafka().embedded()
                    ? KafkaBroker.start(settings.kafka().embeddedPort(), controllerPort(settings), runDir.resolve("kafka"))
                    : new ExternalPart("kafka", settings.kafka().external()));
            var registry = async(pool, started, () -> settings.registry().embedded()
                    ? SchemaRegistryProcess.start(settings.registryJar(), settings.registry().embeddedPort(),
                            runDir.resolve("registry"))
                    : new ExternalPart("schema-registry", settings.registry().external().toString()));
            var postgres = async(pool, started, () -> settings.postgres().embedded()
                    ? EmbeddedPostgres.start(settings.postgres().embeddedPort(), runDir.resolve("postgres"))
                    : new ExternalPart("postgresql", settings.postgres().external()));
            var redis = async(pool, started, () -> settings.redis().embedded()
                    ? EmbeddedRedis.start(settings.redis().embeddedPort(), runDir.resolve("redis"))
                    : new ExternalPart("redis", settings.redis().external().toString()));
            String bootstrap = kafka.join().address();
            var connect = async(pool, started, () -> settings.connect().embedded()
                    ? ConnectWorker.start(bootstrap, settings.connect().embeddedPort(), settings.connectPluginPath())
                    : new ExternalPart("kafka-connect", settings.connect().external().toString()));

            URI registryUrl = URI.create(registry.join().address());
            prepare(bootstrap, registryUrl, topics);
            StackAddresses addresses = new StackAddresses(bootstrap, registryUrl, postgres.join().address(),
                    settings.postgresUser(), settings.postgresPassword(), URI.create(redis.join().address()),
                    URI.create(connect.join().address()));
            ChildProcesses.record(runDir);
            return new LocalStack(List.copyOf(started), addresses, Duration.ofNanos(System.nanoTime() - began));
        } catch (RuntimeException e) {
            stopAll(started);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int controllerPort(StackSettings settings) {
        return settings.kafka().embeddedPort() + 1;
    }

    private static <P extends Part> CompletableFuture<P> async(ExecutorService pool, List<Part> started, Supplier<P> start) {
        return CompletableFuture.supplyAsync(() -> {
            P part = start.get();
            synchronized (started) {
                started.add(part);
            }
            return part;
        }, pool);
    }

    /** Registry rules and schemas first, sequentially (see RegistryClient), then the topics. */
    private static void prepare(String bootstrap, URI registryUrl, Collection<? extends Topic<?, ?>> topics) {
        RegistryClient registrar = new RegistryClient(registryUrl);
        registrar.setGlobalCompatibility(Compatibility.BACKWARD);
        registrar.registerAll(topics);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin, 1).ensure(topics);
        }
    }

    private static Path prepareRunDir(StackSettings settings) {
        Path runDir = settings.runDir().toAbsolutePath();
        try {
            ChildProcesses.killLeftovers(runDir);
            if (settings.fresh() && Files.exists(runDir)) {
                try (Stream<Path> tree = Files.walk(runDir)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(runDir);
            return runDir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare run directory " + runDir + ": " + e.getMessage(), e);
        }
    }

    public StackAddresses addresses() {
        return addresses;
    }

    public List<Part> parts() {
        return parts;
    }

    public Duration startupTime() {
        return startup;
    }

    /** The "where does each part listen" table printed at start-up. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %-9s %s%n", "PART", "ORIGIN", "ADDRESS"));
        for (Part p : parts.stream().sorted(Comparator.comparing(Part::name)).toList()) {
            sb.append(String.format("%-16s %-9s %s%n", p.name(), p.origin(), p.address()));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        stopAll(parts);
    }

    private static void stopAll(List<Part> parts) {
        List<Part> reverse;
        synchronized (parts) {
            reverse = new ArrayList<>(parts);
        }
        // Connect and the apps depend on Kafka: stop it last
        reverse.sort(Comparator.comparing((Part p) -> p.name().equals("kafka")));
        for (Part part : reverse) {
            try {
                part.close();
                LOG.info("stopped {}", part.name());
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", part.name(), e.getMessage());
            }
        }
    }

    /** Every topic the stack prepares by default: the domain topics. */
    public static List<Topic<?, ?>> defaultTopics() {
        return Topics.domain();
    }
}

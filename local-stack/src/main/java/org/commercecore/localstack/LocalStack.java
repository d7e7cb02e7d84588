package org.commercecore.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.commercecore.connectors.ConnectClient;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.connectors.ConnectorsTool;
import org.commercecore.database.WriteSideSchema;
import org.commercecore.localstack.parts.AmqpBrokerProcess;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.localstack.parts.ConnectWorker;
import org.commercecore.localstack.parts.EmbeddedPostgres;
import org.commercecore.localstack.parts.EmbeddedRedis;
import org.commercecore.localstack.parts.ExternalPart;
import org.commercecore.localstack.parts.MailCatcher;
import org.commercecore.localstack.parts.KafkaBroker;
import org.commercecore.localstack.parts.KafkaCluster;
import org.commercecore.localstack.parts.Part;
import org.commercecore.localstack.parts.Ports;
import org.commercecore.localstack.parts.Probes;
import org.commercecore.localstack.parts.PrometheusServer;
import org.commercecore.localstack.parts.RestCredentials;
import org.commercecore.localstack.parts.SchemaRegistryProcess;
import org.commercecore.localstack.parts.TracingAgent;
import org.commercecore.localstack.parts.ZipkinServer;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.registry.Compatibility;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.tasks.TaskSettings;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.TopicSchemas;
import org.commercecore.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the real parts commerce-core runs on, waits until each is healthy, then prepares the
 * platform: the write-side schema migrated, BACKWARD compatibility, every schema registered one
 * after another, every topic created, the connectors applied. Independent parts start in
 * parallel; Connect waits for the parts its connectors use. Closing (also halfway
 * through a start) stops every part this stack started, Kafka last.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_IN_FLIGHT_GRACE = Duration.ofSeconds(120);
    private static final Duration PROCESS_EXIT = Duration.ofSeconds(20);
    /** Longer than a TIME_WAIT lasts (60 s): the longest a port just let go of stays refused. */
    private static final Duration PORT_WAIT = Duration.ofSeconds(75);

    private final StackSettings settings;
    private final Path runDir;
    private final ProcessRecord processes;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private volatile MailCatcher mailCatcher;
    private final List<CompletableFuture<? extends Part>> starting = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StackAddresses addresses;
    private volatile StackCredentials credentials;
    private volatile Duration startupTime;
    private volatile Function<AppProcess.App, AppProcess.Extras> appExtras = app -> AppProcess.Extras.NONE;
    /** Zipkin's port when the stack is observed (0: not observed), and Prometheus's (when one is installed). */
    private volatile int zipkinPort;
    private volatile int prometheusPort;
    private volatile ZipkinServer zipkin;
    private volatile PrometheusServer prometheus;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.runDir = settings.runDir().toAbsolutePath();
        this.processes = new ProcessRecord(runDir);
    }

    /** Starts a stack and prepares the given topics; on failure everything it started is stopped. */
    public static LocalStack start(StackSettings settings, Collection<? extends Topic<?, ?>> topics) {
        return new LocalStack(settings).startWith(topics);
    }

    public static final String COMMAND_API = "command-api";
    public static final String GATEWAY = "gateway";
    public static final String NOTIFICATIONS = "commerce-notifications";
    public static final String CONNECT_MONITOR = "connect-monitor";
    /**
     * Workers inside the apps that are not Streams apps but write a dead-letter topic of their own
     * (the notifications app's delivery worker), by the id their topic is named after; checked
     * against the worker's constant like the application ids (LocalStackAppsTest).
     */
    public static final List<String> WORKERS_WITH_DEAD_LETTERS = List.of("commerce-notification-delivery");
    private static final List<String> QUERY_APIS = List.of("query-api-1", "query-api-2");

    /**
     * The apps the local stack runs, each in a JVM of its own. Adding an app is one line here. The
     * stack cannot see the apps' classes (it starts them by module and main class), so a Streams app's
     * application id is spelled here a second time; LocalStackAppsTest (module catalogue) checks it
     * against the app's own constant.
     */
    public static final List<AppProcess.App> APPS = List.of(
            AppProcess.App.streams("commerce-inventory", "streams-apps/inventory", "org.commercecore.inventory.InventoryApp"),
            AppProcess.App.streams("commerce-payments", "streams-apps/payments", "org.commercecore.payments.PaymentsApp"),
            AppProcess.App.streams("commerce-orders", "streams-apps/orders", "org.commercecore.orders.OrdersApp"),
            AppProcess.App.streams("commerce-customers", "streams-apps/customers", "org.commercecore.customers.CustomersApp"),
            new AppProcess.App(COMMAND_API, "command-api", "org.commercecore.command.CommandApiApp", Optional.empty(),
                    // the gateway, on loopback, is the proxy whose X-Forwarded-For names the client (per-address login limits)
                    Map.of("COMMERCE_HTTP_TRUSTED_PROXIES", "127.0.0.1"), List.of())
                    .readingSecrets(StackCredentials.TOKEN_SECRET, StackCredentials.ADMIN_PASSWORD, StackCredentials.AMQP_PASSWORD),
            // two instances of the query API, each holding a warm standby copy of the other's views
            queryApi("query-api-1"),
            queryApi("query-api-2"),
            // in its own JVM and classpath (Spring Boot's); its public port is the stack's gateway port
            new AppProcess.App(GATEWAY, "gateway", "org.commercecore.gateway.GatewayApp")
                    .readingSecrets(StackCredentials.TOKEN_SECRET),
            // the notification topology and, in the same JVM, the workers that deliver notifications and mail
            // one-time codes (to the stack's catcher); last, so the ports before it stay where they were
            AppProcess.App.streams(NOTIFICATIONS, "streams-apps/notifications", "org.commercecore.notifications.NotificationsApp")
                    .readingSecrets(StackCredentials.AMQP_PASSWORD),
            // Connect's connector and task states and PostgreSQL's replication slots on /metrics, with the operators' login
            new AppProcess.App(CONNECT_MONITOR, "connectors/tool", "org.commercecore.connectors.monitor.ConnectMonitorApp")
                    .readingSecrets(StackCredentials.CONNECT_USER, StackCredentials.CONNECT_PASSWORD));


    private static AppProcess.App queryApi(String name) {
        return new AppProcess.App(name, "query-api", "org.commercecore.query.QueryApiApp", Optional.of("commerce-query"),
                Map.of(StreamsAppConfig.STANDBY_REPLICAS.envName(), "1"), List.of())
                .readingSecrets(StackCredentials.TOKEN_SECRET, StackCredentials.PEER_SECRET);
    }

    /**
     * Every topic the stack prepares by default: the shared topics and the dead-letter topic of each
     * Streams app in {@link #APPS}, so their schemas are registered before the apps start (also for
     * tests that run those apps in their own JVM).
     */
    public static List<Topic<?, ?>> defaultTopics() {
        Stream<Topic<?, ?>> deadLetters = Stream.concat(APPS.stream().flatMap(app -> app.applicationId().stream()),
                        WORKERS_WITH_DEAD_LETTERS.stream()).distinct()
                .<Topic<?, ?>>map(Topics::deadLetter);
        return Stream.concat(Topics.shared().stream(), deadLetters).toList();
    }

    /**
     * Launch additions per app (JVM options, variables), asked for before {@link #startWith}; the
     * benchmarks use it for flight recordings and token lifetimes. Without it every app gets none.
     */
    public LocalStack withAppExtras(Function<AppProcess.App, AppProcess.Extras> extras) {
        this.appExtras = extras;
        return this;
    }

    /**
     * Observed: Zipkin runs on {@code zipkinPort} (loopback) and every app runs with the OpenTelemetry
     * agent sending it spans; once the apps are up, Prometheus scrapes them on {@code prometheusPort}
     * with the repository's alert rules, if a Prometheus is installed ({@code local-stack/run --observe}).
     * Asked for before {@link #startWith}; a port of 0 leaves that part out.
     */
    public LocalStack observed(int zipkinPort, int prometheusPort) {
        this.zipkinPort = zipkinPort;
        this.prometheusPort = prometheusPort;
        return this;
    }

    /** Zipkin, when the stack is observed. */
    public Optional<ZipkinServer> zipkin() {
        return Optional.ofNullable(zipkin);
    }

    /** Prometheus, when the stack is observed and one is installed. */
    public Optional<PrometheusServer> prometheus() {
        return Optional.ofNullable(prometheus);
    }

    public LocalStack startWith(Collection<? extends Topic<?, ?>> topics) {
        long began = System.nanoTime();
        prepareRunDir();
        credentials = StackCredentials.forRun(runDir, settings.secrets(), settings.fresh(), settings.connect().embedded(),
                new SecureRandom());
        credentials.notices().forEach(notice -> LOG.warn("credentials: {}", notice));
        // before any part is started in parallel: see EmbeddedRedis.prepare
        EmbeddedRedis.Prepared redisBinary = settings.redis().embedded()
                ? EmbeddedRedis.prepare(settings.redis().embeddedPort(), runDir.resolve("redis")) : null;
        ExecutorService pool = Executors.newFixedThreadPool(5, r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            var kafka = async(pool, this::kafka);
            var registry = async(pool, this::registry);
            var postgres = async(pool, this::postgres);
            var redis = async(pool, () -> redis(redisBinary));
            var mail = async(pool, this::mail);
            var amqp = async(pool, this::amqp);
            var traces = zipkinPort == 0 ? null : async(pool, this::zipkinServer);
            String bootstrap = kafka.join().address();
            URI registryUrl = URI.create(registry.join().address());
            String postgresUrl = postgres.join().address();
            migrate(postgresUrl);
            amqp.join();
            StackAddresses known = new StackAddresses(bootstrap, registryUrl, postgresUrl, settings.postgresUser(),
                    settings.postgresPassword(), URI.create(redis.join().address()), null, Optional.empty(), amqpBroker());
            var connect = async(pool, () -> connect(bootstrap, known.connectorEnvironment()));

            prepare(bootstrap, registryUrl, topics);
            addresses = known.withConnect(URI.create(connect.join().address()), credentials.connect());
            applyConnectors();
            mailCatcher = mail.join();
            zipkin = traces == null ? null : traces.join();
            if (settings.withApps()) {
                startApps(pool);
                if (prometheusPort != 0) {
                    prometheus = startPrometheus(pool);
                }
            }
            startupTime = Duration.ofNanos(System.nanoTime() - began);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            pool.shutdown();
        }
    }

    /** The apps start once the platform is prepared, in parallel; a port each from the apps' base port up. */
    private void startApps(ExecutorService pool) {
        TracingAgent tracing = zipkin == null ? null : new TracingAgent(settings.tracingAgentJar(), zipkin.spansEndpoint(), System::getenv);
        List<CompletableFuture<AppProcess>> apps = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (AppProcess.App app : APPS) {
            ports.put(app.name(), settings.appsBasePort() + ports.size());
        }
        for (AppProcess.App app : APPS) {
            int httpPort = ports.get(app.name());
            Map<String, String> environment = new LinkedHashMap<>(addresses.asEnvironment());
            if (app.name().equals(GATEWAY)) {
                environment.putAll(gatewayEnvironment(ports));
            }
            environment.putAll(credentials.environment(app.secrets()));
            environment.put("COMMERCE_NOTIFICATIONS_SMTP_HOST", "127.0.0.1");
            environment.put("COMMERCE_NOTIFICATIONS_SMTP_PORT", String.valueOf(mailCatcher.smtpPort()));
            // the apps create and check their topics with the stack's count, whatever their own shell says
            environment.put(PlatformSettings.TOPIC_PARTITIONS.envName(), String.valueOf(settings.topicPartitions()));
            // and replicate them (Streams' internal topics too) as the stack's brokers allow
            environment.put(PlatformSettings.REPLICATION_FACTOR.envName(), String.valueOf(settings.replicationFactor()));
            // each app instance rejoins its group under its own name: a restarted one takes its partitions back at once
            environment.put(StreamsAppConfig.INSTANCE_ID.envName(), app.name());
            AppProcess.Extras extras = tracing == null ? appExtras.apply(app) : appExtras.apply(app).and(tracing.extrasFor(app));
            apps.add(async(pool, () -> AppProcess.start(app, settings.home(), environment, httpPort,
                    runDir.resolve("apps").resolve(app.name()), extras)));
        }
        apps.forEach(CompletableFuture::join);
    }

    /**
     * Where the gateway listens for clients and which instances it balances over: the stack's own,
     * found by its health checks as they come up (the gateway does not wait for them).
     */
    private Map<String, String> gatewayEnvironment(Map<String, Integer> ports) {
        return Map.of("COMMERCE_GATEWAY_PORT", String.valueOf(settings.gatewayPort()),
                "COMMERCE_GATEWAY_COMMAND_URLS", "http://127.0.0.1:" + ports.get(COMMAND_API),
                "COMMERCE_GATEWAY_QUERY_URLS", String.join(",", QUERY_APIS.stream().map(q -> "http://127.0.0.1:" + ports.get(q)).toList()));
    }

    /** Where clients call the system: the gateway's public address (only when the apps run). */
    public Optional<URI> gatewayUrl() {
        return appUrl(GATEWAY).map(ops -> URI.create("http://127.0.0.1:" + settings.gatewayPort()));
    }

    private Part kafka() {
        var kafka = settings.kafka();
        if (!kafka.embedded()) {
            return ExternalPart.probed("kafka", kafka.external(), PlatformSettings.KAFKA_BOOTSTRAP_SERVERS.envName(),
                    Probes.kafka(kafka.external()));
        }
        // each broker's controller listens on the port after the broker's
        for (int port = kafka.embeddedPort(); port < kafka.embeddedPort() + 2 * settings.brokers(); port++) {
            awaitPort("kafka", port);
        }
        KafkaCluster cluster = KafkaCluster.start(settings.brokers(), kafka.embeddedPort(), runDir.resolve("kafka"),
                settings.stackClasspathFile());
        // each broker is a process of its own: a killed stack leaves them for the next start to stop
        cluster.brokers().forEach(broker -> broker.process().ifPresent(p -> processes.add(broker.name(), p)));
        return cluster;
    }

    private Part registry() {
        var registry = settings.registry();
        if (!registry.embedded()) {
            URI url = registry.external();
            return ExternalPart.probed("schema-registry", url.toString(), PlatformSettings.REGISTRY_URL.envName(),
                    Probes.http(RegistryClient.compatApi(url).resolve("subjects")));
        }
        awaitPort("schema registry", registry.embeddedPort());
        return SchemaRegistryProcess.start(settings.registryJar(), registry.embeddedPort(), runDir.resolve("registry"));
    }

    private Part postgres() {
        var postgres = settings.postgres();
        if (!postgres.embedded()) {
            return ExternalPart.probed("postgresql", postgres.external(), PlatformSettings.POSTGRES_URL.envName(),
                    Probes.postgres(postgres.external(), settings.postgresUser(), settings.postgresPassword()));
        }
        awaitPort("PostgreSQL", postgres.embeddedPort());
        return EmbeddedPostgres.start(postgres.embeddedPort(), runDir.resolve("postgres"));
    }

    private Part redis(EmbeddedRedis.Prepared binary) {
        var redis = settings.redis();
        if (!redis.embedded()) {
            return ExternalPart.probed("redis", redis.external().toString(), PlatformSettings.REDIS_URL.envName(),
                    Probes.redis(redis.external()));
        }
        awaitPort("Redis", redis.embeddedPort());
        return binary.start();
    }

    /** The broker and login the apps use: the one given, or the stack's own on loopback with the run's password. */
    private TaskSettings.Broker amqpBroker() {
        var amqp = settings.amqp();
        URI url = amqp.embedded() ? URI.create("amqp://127.0.0.1:" + amqp.embeddedPort()) : amqp.external();
        String password = credentials.value(StackCredentials.AMQP_PASSWORD)
                .orElseThrow(() -> new IllegalStateException(StackCredentials.AMQP_PASSWORD + " is not set"));
        return new TaskSettings.Broker(url, settings.amqpUser(), password);
    }

    private Part amqp() {
        TaskSettings.Broker broker = amqpBroker();
        if (!settings.amqp().embedded()) {
            return ExternalPart.probed("amqp-broker", broker.toString(), TaskSettings.AMQP_URL.envName(),
                    () -> AmqpBrokerProcess.logsIn(broker));
        }
        awaitPort("the AMQP broker", settings.amqp().embeddedPort());
        return AmqpBrokerProcess.start(settings.amqpBrokerModule(), broker, runDir.resolve("amqp"));
    }

    /** Prometheus over the apps as they run, if one is installed; without it the stack says how to get one. */
    private PrometheusServer startPrometheus(ExecutorService pool) {
        Optional<Path> binary = PrometheusServer.find(settings.home(), Optional.ofNullable(System.getenv("PATH")).orElse(""));
        if (binary.isEmpty()) {
            LOG.info("no Prometheus installed (apt-get install prometheus, or .ci/promtool-check unpacks one): metrics only on each app's /metrics");
            return null;
        }
        Map<String, URI> apps = new LinkedHashMap<>();
        APPS.forEach(app -> appUrl(app.name()).ifPresent(url -> apps.put(app.name(), url)));
        String configuration = PrometheusServer.configuration(apps, settings.home().resolve("observability/prometheus/alerts.yml"));
        awaitPort("Prometheus", prometheusPort);
        return async(pool, () -> PrometheusServer.start(binary.get(), prometheusPort, runDir.resolve("prometheus"), configuration)).join();
    }

    private ZipkinServer zipkinServer() {
        awaitPort("Zipkin", zipkinPort);
        return ZipkinServer.start(settings.zipkinJar(), zipkinPort, runDir.resolve("zipkin"));
    }

    private MailCatcher mail() {
        StackSettings.MailPorts ports = settings.mail();
        if (ports.smtp() != 0) {
            awaitPort("the mail catcher's SMTP", ports.smtp());
        }
        if (ports.imap() != 0) {
            awaitPort("the mail catcher's IMAP", ports.imap());
        }
        return MailCatcher.start(ports.smtp(), ports.imap());
    }

    /** The mail catcher, once the stack has started: what the apps' mail came to. */
    public MailCatcher mailCatcher() {
        return mailCatcher;
    }

    /** The write side's schema, before anything reads or captures it. */
    private void migrate(String postgresUrl) {
        String version = WriteSideSchema.migrate(postgresUrl, settings.postgresUser(), settings.postgresPassword());
        LOG.info("PostgreSQL write-side schema at version {}", version);
    }

    /** connectors/config, one connector at a time, each RUNNING before the next (see ConnectorsTool.applyAll). */
    private void applyConnectors() {
        Path dir = settings.connectorsDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("connector configs not found in " + dir);
        }
        ConnectClient client = addresses.connectClient();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ConnectorsTool.applyAll(client, dir, new PrintStream(report, true, StandardCharsets.UTF_8));
        report.toString(StandardCharsets.UTF_8).lines().forEach(line -> LOG.info("connector {}", line));
    }

    private Part connect(String bootstrap, Map<String, String> connectorEnvironment) {
        var connect = settings.connect();
        if (!connect.embedded()) {
            URI url = connect.external();
            return ExternalPart.probed("kafka-connect", url.toString(), ConnectSettings.CONNECT_URL.envName(),
                    Probes.http(url.resolve("/connectors"), credentials.connect().map(ConnectCredentials::authorizationHeader)));
        }
        awaitPort("Kafka Connect", connect.embeddedPort());
        // the stack's own worker always requires a login: given, or made up for this run dir
        ConnectCredentials login = credentials.connect().orElseThrow(
                () -> new IllegalStateException("no Connect REST login for the stack's worker"));
        return ConnectWorker.start(bootstrap, connect.embeddedPort(), settings.connectPluginPath(), connectorEnvironment,
                Optional.of(new RestCredentials(login.user(), login.password(), runDir.resolve("connect"))));
    }

    /**
     * A part that cannot bind its port fails in its own way, PostgreSQL by never answering (zonky then
     * waits out its whole start-up time and says nothing about why). And a port the last run's server
     * let go of refused a new listener here for a while even with SO_REUSEADDR, with only that server's
     * TIME_WAIT connections left on it (they last up to 60 s; seen while a check also bound the wildcard
     * address). So each port is waited for first, and a refusal is logged.
     */
    private static void awaitPort(String part, int port) {
        Ports.awaitFreeOnLoopback(port, PORT_WAIT).ifPresent(why -> {
            throw new IllegalStateException("cannot start " + part + ": port " + port + " is still taken after "
                    + PORT_WAIT.toSeconds() + " s: " + why);
        });
    }

    private <P extends Part> CompletableFuture<P> async(ExecutorService pool, Supplier<P> start) {
        CompletableFuture<P> future = CompletableFuture.supplyAsync(() -> {
            P part = start.get();
            parts.add(part);
            part.process().ifPresent(p -> processes.add(part.name(), p));
            return part;
        }, pool);
        starting.add(future);
        return future;
    }

    /**
     * The registry's rule, the schemas (one after another, see RegistryClient), then the topics.
     * A registry we did not start is not ours to reconfigure: there only our subjects get the rule.
     */
    private void prepare(String bootstrap, URI registryUrl, Collection<? extends Topic<?, ?>> topics) {
        RegistryClient registry = new RegistryClient(registryUrl);
        if (settings.registry().embedded()) {
            registry.setGlobalCompatibility(Compatibility.BACKWARD);
        }
        for (TopicSchemas.Registered r : TopicSchemas.registerAll(registry, topics)) {
            LOG.info("schema {} registered with id {}", r.subject(), r.id());
            if (!settings.registry().embedded()) {
                registry.setCompatibility(r.subject(), Compatibility.BACKWARD);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin, settings.replicationFactor(), settings.topicPartitions()).ensure(topics);
        }
    }

    private void prepareRunDir() {
        try {
            Files.createDirectories(runDir);
            processes.stopLeftovers(APPS.stream().map(AppProcess.App::name).toList());
            if (settings.fresh()) {
                try (Stream<Path> tree = Files.walk(runDir)) {
                    tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(runDir)).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare run directory " + runDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the stack's Connect worker and starts a new one on the same port, as an operator's
     * restart would; the connectors resume from their committed offsets. For failure tests.
     */
    public void restartConnect() {
        ConnectWorker old = parts.stream().filter(ConnectWorker.class::isInstance).map(ConnectWorker.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("this stack did not start a Connect worker"));
        old.close();
        parts.remove(old);
        LOG.info("kafka-connect stopped for a restart");
        Part restarted = connect(addresses.kafkaBootstrapServers(), addresses.connectorEnvironment());
        parts.add(restarted);
        LOG.info("kafka-connect restarted at {}", restarted.address());
    }

    /** The stack's own Kafka brokers (for fault tests: each can be killed and restarted alone); empty when Kafka is external. */
    public Optional<KafkaCluster> kafkaCluster() {
        return parts.stream().filter(KafkaCluster.class::isInstance).map(KafkaCluster.class::cast).findFirst();
    }

    /** A started app, by its name in {@link #APPS} (for fault tests: kill it, restart it). */
    public AppProcess app(String name) {
        return parts.stream().filter(p -> p instanceof AppProcess && p.name().equals(name)).map(AppProcess.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app " + name + " in this stack"));
    }

    /** Restarts a part the stack started that a fault test killed, and records its new process for the next start's clean-up. */
    public void restart(AppProcess app) {
        app.restart();
        app.process().ifPresent(p -> processes.add(app.name(), p));
    }

    /**
     * Kills one of the stack's own infrastructure processes with SIGKILL, as a crash would (PostgreSQL's
     * postmaster with its backends, the registry, Redis, the AMQP broker), waits {@code down}, and starts
     * it again on its data and port, as the stack started it. For fault tests.
     */
    public void crashAndRestart(String partName, Duration down) {
        Part old = parts.stream().filter(p -> p.name().equals(partName) && p.process().isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this stack runs no process of its own named " + partName));
        Supplier<Part> starter = switch (partName) {
            case "postgresql" -> this::postgres;
            case "schema-registry" -> this::registry;
            case "redis" -> () -> redis(EmbeddedRedis.prepare(settings.redis().embeddedPort(), runDir.resolve("redis")));
            case "amqp-broker" -> this::amqp;
            default -> throw new IllegalArgumentException(partName + " cannot be restarted by the stack");
        };
        ProcessHandle process = old.process().orElseThrow();
        List<ProcessHandle> family = ProcessExit.family(process);
        process.destroyForcibly();
        ProcessExit.await(partName, process, family, Duration.ZERO);
        try {
            // lets go of what this JVM still holds for the dead part: zonky's lock on PostgreSQL's data directory
            old.close();
        } catch (RuntimeException alreadyGone) {
            LOG.debug("closing the killed {}: {}", partName, alreadyGone.getMessage());
        }
        parts.remove(old);
        LOG.info("{} killed for a fault test", partName);
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + partName + " was down", e);
        }
        Part started = starter.get();
        parts.add(started);
        started.process().ifPresent(p -> processes.add(started.name(), p));
        LOG.info("{} restarted at {}", partName, started.address());
    }

    /** Restarts one of the stack's brokers that a fault test killed, and waits until the cluster has every broker again. */
    public void restart(KafkaBroker broker) {
        KafkaCluster cluster = kafkaCluster().orElseThrow();
        broker.restart();
        broker.process().ifPresent(p -> processes.add(broker.name(), p));
        cluster.awaitNodes(cluster.brokers().size(), Duration.ofSeconds(90));
    }

    /** Where a started app serves HTTP, by its name in {@link #APPS}. */
    public Optional<URI> appUrl(String name) {
        return parts.stream().filter(p -> p instanceof AppProcess && p.name().equals(name)).map(p -> ((AppProcess) p).baseUrl())
                .findFirst();
    }

    public StackAddresses addresses() {
        return addresses;
    }

    /** The secrets of this run: given, kept in the run dir from an earlier run, or made up by this one. */
    public StackCredentials credentials() {
        return credentials;
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The "where does each part listen" table printed at start-up, ending with where the run's secrets
     * are and whom the admin logs in as (never a secret itself).
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("%-24s %-9s %s%n", "PART", "ORIGIN", "ADDRESS"));
        for (Part p : parts.stream().sorted(Comparator.comparing(Part::name)).toList()) {
            sb.append(String.format("%-24s %-9s %s%n", p.name(), p.origin(), p.address()));
        }
        gatewayUrl().ifPresent(url -> sb.append(String.format("%-24s %-9s %s%n", "clients", "gateway", url.resolve("/api/v1/")
                + " (the address clients use; the services answer directly on loopback only)")));
        StackCredentials run = credentials;
        if (run != null) {
            sb.append(String.format("%-24s %-9s %s%n", "credentials", "file",
                    run.file().map(f -> f + " (owner-only)")
                            .orElse("none: under COMMERCE_PROFILE=prod every secret comes from the environment")));
            String password = run.inFile(StackCredentials.ADMIN_PASSWORD)
                    ? StackCredentials.ADMIN_PASSWORD + " in the credentials file"
                    : "the " + StackCredentials.ADMIN_PASSWORD + " given";
            sb.append(String.format("%-24s %-9s %s%n", "admin", "account", settings.adminEmail() + " (first password: "
                    + password + ")"));
        }
        return sb.toString();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Stops every part this stack started; safe to call twice and while a start is still under way. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // a part still starting adds itself when it is up: wait for it, so it is stopped too
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
                    .get(START_IN_FLIGHT_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception failedOrSlow) {
            // failed starts left nothing to stop; the ones still running are recorded for the next start
        }
        List<Part> order = new ArrayList<>(parts);
        // apps first (they need everything else), then Connect (its tasks need PostgreSQL, the registry
        // and Kafka to stop cleanly: stopped after them, they hang the JVM), Kafka last
        order.sort(Comparator.comparingInt(LocalStack::stopOrder));
        boolean allStopped = true;
        for (Part part : order) {
            Optional<ProcessHandle> process = part.process();
            List<ProcessHandle> family = process.map(ProcessExit::family).orElse(List.of());
            try {
                part.close();
                allStopped &= process.map(p -> ProcessExit.await(part.name(), p, family, PROCESS_EXIT)).orElse(true);
                LOG.info("stopped {}", part.name());
            } catch (RuntimeException e) {
                allStopped = false;
                LOG.warn("stopping {} failed: {}", part.name(), e.getMessage());
            }
        }
        if (allStopped) {
            processes.clear();
        }
    }

    private static int stopOrder(Part part) {
        if (part instanceof AppProcess) {
            return 0;
        }
        if (part instanceof ConnectWorker) {
            return 1;
        }
        return part.name().equals("kafka") ? 3 : 2;
    }
}

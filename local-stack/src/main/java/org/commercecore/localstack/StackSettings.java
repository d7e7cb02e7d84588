package org.commercecore.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.localstack.parts.EmbeddedPostgres;
import org.commercecore.localstack.parts.KafkaCluster;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Profile;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * The local stack's configuration. For each part, an address given in the environment (the same
 * {@code COMMERCE_*} variable the apps read) means "use that external system"; none given means
 * "start it embedded" on the port below.
 */
public record StackSettings(
        Path home,
        Path runDir,
        boolean fresh,
        PartSetting<String> kafka,
        int brokers,
        PartSetting<URI> registry,
        PartSetting<String> postgres,
        String postgresUser,
        String postgresPassword,
        PartSetting<URI> redis,
        PartSetting<URI> connect,
        PartSetting<URI> amqp,
        String amqpUser,
        int replicationFactor,
        int topicPartitions,
        boolean withApps,
        int appsBasePort,
        int gatewayPort,
        MailPorts mail,
        String adminEmail,
        StackCredentials.Given secrets) {

    public static final Setting<Path> HOME = Setting.path("home",
            "the commerce-core checkout (holds the built registry jar and Connect plugins); unset: the nearest"
                    + " directory upwards from the working directory holding schema-registry/", null);
    public static final Setting<Path> RUN_DIR = Setting.path("local.run.dir",
            "where the local stack keeps its data (wiped by --fresh); unset: .run/local-stack under the checkout", null);
    public static final Setting<Integer> KAFKA_PORT = Setting.port("local.kafka.port",
            "port of the embedded Kafka broker (its controller takes the next one; with --brokers 3 the second and third"
                    + " brokers take the two pairs after)", 9092);
    public static final Setting<Integer> REGISTRY_PORT = Setting.port("local.registry.port",
            "port of the embedded schema registry", 8081);
    public static final Setting<Integer> POSTGRES_PORT = Setting.port("local.postgres.port", "port of the embedded PostgreSQL", 5432);
    public static final Setting<Integer> REDIS_PORT = Setting.port("local.redis.port", "port of the embedded Redis", 6379);
    public static final Setting<Integer> CONNECT_PORT = Setting.port("local.connect.port",
            "REST port of the embedded Kafka Connect worker", 8083);
    public static final Setting<Integer> AMQP_PORT = Setting.port("local.amqp.port",
            "port of the embedded AMQP 0-9-1 broker (Qpid Broker-J) carrying the one-time code mails", 5672);
    public static final Setting<Integer> APPS_PORT = Setting.port("local.apps.port",
            "HTTP port of the first app (health, metrics); the others take the next ones", 8091);
    public static final Setting<Integer> GATEWAY_PORT = Setting.port("local.gateway.port",
            "the API gateway's public port: the one address clients use (its health and metrics are on its app port)", 8080);
    public static final Setting<Integer> SMTP_PORT = Setting.port("local.smtp.port",
            "SMTP port of the mail catcher that receives every mail the apps send (the notifications app's default)", 3025);
    public static final Setting<Integer> IMAP_PORT = Setting.port("local.imap.port",
            "IMAP port of the mail catcher: log in as a recipient's address, any password, to read their mail", 3143);
    public static final Setting<Integer> ZIPKIN_PORT = Setting.port("local.zipkin.port",
            "port of Zipkin (UI and API, traces in memory) under local-stack/run --observe", 9411);
    public static final Setting<Integer> PROMETHEUS_PORT = Setting.port("local.prometheus.port",
            "port of Prometheus under local-stack/run --observe, when one is installed (it scrapes every app, with the alert rules)", 9090);

    /**
     * Partitions of the stack's topics when COMMERCE_TOPICS_PARTITIONS is not given: every app has one
     * instance here (the query API two, so each still owns a share), and each exactly-once commit pays per
     * partition it wrote (a marker, a partition added to the transaction) and, with cached stores, a
     * produce round trip per task. On 2 cores, 4 → 2 partitions took the full path's p50 at 50 orders/s
     * from 4.2 to 1.4 s (benchmarks/analysis.md). The platform's own default stays 4, for deployments that scale out.
     */
    public static final int ONE_MACHINE_PARTITIONS = 2;

    /**
     * Every setting the local stack reads. For each part's address (Kafka, registry, PostgreSQL, Redis,
     * Connect) a value given explicitly means "use that system"; none means "start it embedded". The
     * secrets (token secret, peer secret, admin password, Connect login) given explicitly are handed on; outside prod
     * the stack makes up the others (StackCredentials), so their published dev defaults are never used.
     */
    public static List<Setting<?>> all() {
        return List.of(HOME, RUN_DIR, KAFKA_PORT, REGISTRY_PORT, POSTGRES_PORT, REDIS_PORT, CONNECT_PORT, AMQP_PORT, APPS_PORT, GATEWAY_PORT, SMTP_PORT, IMAP_PORT,
                ZIPKIN_PORT, PROMETHEUS_PORT,
                PlatformSettings.KAFKA_BOOTSTRAP_SERVERS, PlatformSettings.REGISTRY_URL, PlatformSettings.POSTGRES_URL,
                PlatformSettings.POSTGRES_USER, PlatformSettings.POSTGRES_PASSWORD, PlatformSettings.REDIS_URL,
                ConnectSettings.CONNECT_URL, ConnectSettings.CONNECT_USER, ConnectSettings.CONNECT_PASSWORD,
                TaskSettings.AMQP_URL, TaskSettings.AMQP_USER, TaskSettings.AMQP_PASSWORD,
                PlatformSettings.REPLICATION_FACTOR, PlatformSettings.TOPIC_PARTITIONS, PlatformSettings.TOKEN_SECRET, PlatformSettings.PEER_SECRET,
                PlatformSettings.BOOTSTRAP_ADMIN_EMAIL, PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD);
    }

    /** Either an external address, or the port to start the embedded part on. */
    /** The mail catcher's ports; 0 = any free port, chosen when it starts (the test harness). */
    public record MailPorts(int smtp, int imap) {
    }

    public record PartSetting<A>(A external, int embeddedPort) {
        public boolean embedded() {
            return external == null;
        }
    }

    /** The settings of a {@code local-stack/run}. */
    public static StackSettings from(ConfigSource source, boolean fresh, boolean withApps) {
        return from(source, fresh, withApps, 1);
    }

    /**
     * The settings of a {@code local-stack/run --brokers N}: N embedded Kafka brokers (1 or 3), every
     * topic replicated min(N, 3) times unless COMMERCE_KAFKA_REPLICATION_FACTOR says otherwise.
     */
    public static StackSettings from(ConfigSource source, boolean fresh, boolean withApps, int brokers) {
        Path home = source.lookup(HOME).orElseGet(StackSettings::findHome);
        Path runDir = source.lookup(RUN_DIR).orElse(home.resolve(".run").resolve("local-stack"));
        return new StackSettings(home, runDir, fresh,
                new PartSetting<>(source.lookup(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS).orElse(null), source.get(KAFKA_PORT)), brokers,
                new PartSetting<>(source.lookup(PlatformSettings.REGISTRY_URL).orElse(null), source.get(REGISTRY_PORT)),
                new PartSetting<>(source.lookup(PlatformSettings.POSTGRES_URL).orElse(null), source.get(POSTGRES_PORT)),
                source.get(PlatformSettings.POSTGRES_USER),
                source.get(PlatformSettings.POSTGRES_PASSWORD),
                new PartSetting<>(source.lookup(PlatformSettings.REDIS_URL).orElse(null), source.get(REDIS_PORT)),
                new PartSetting<>(source.lookup(ConnectSettings.CONNECT_URL).orElse(null), source.get(CONNECT_PORT)),
                new PartSetting<>(source.lookup(TaskSettings.AMQP_URL).orElse(null), source.get(AMQP_PORT)), source.get(TaskSettings.AMQP_USER),
                source.lookup(PlatformSettings.REPLICATION_FACTOR).orElse(KafkaCluster.replicationFactor(brokers)),
                source.lookup(PlatformSettings.TOPIC_PARTITIONS).orElse(ONE_MACHINE_PARTITIONS), withApps,
                source.get(APPS_PORT), source.get(GATEWAY_PORT), new MailPorts(source.get(SMTP_PORT), source.get(IMAP_PORT)),
                source.get(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL), givenSecrets(source));
    }

    /**
     * The secrets given explicitly (validated as the apps will). Outside prod the stack makes up the
     * others (StackCredentials); under prod it makes up none, and the Connect REST login must be given,
     * the same variables the connectors tool reads.
     */
    private static StackCredentials.Given givenSecrets(ConfigSource source) {
        Map<String, String> given = new LinkedHashMap<>();
        source.lookup(PlatformSettings.TOKEN_SECRET).ifPresent(v -> given.put(StackCredentials.TOKEN_SECRET, v));
        source.lookup(PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD).ifPresent(v -> given.put(StackCredentials.ADMIN_PASSWORD, v));
        Optional<String> user = source.lookup(ConnectSettings.CONNECT_USER);
        if (user.isPresent()) {
            given.put(StackCredentials.CONNECT_USER, user.get());
            given.put(StackCredentials.CONNECT_PASSWORD, source.get(ConnectSettings.CONNECT_PASSWORD));
        } else if (source.lookup(ConnectSettings.CONNECT_PASSWORD).isPresent()) {
            throw new ConfigException(ConnectSettings.CONNECT_PASSWORD.envName() + " is set but " + ConnectSettings.CONNECT_USER.envName()
                    + " is not: give both (the Connect REST login) or neither");
        } else if (source.profile() == Profile.PROD) {
            throw new ConfigException(ConnectSettings.CONNECT_USER.envName() + " and " + ConnectSettings.CONNECT_PASSWORD.envName()
                    + " must be set when COMMERCE_PROFILE=prod: Connect's REST API requires credentials outside dev");
        }
        source.lookup(PlatformSettings.PEER_SECRET).ifPresent(v -> given.put(StackCredentials.PEER_SECRET, v));
        source.lookup(TaskSettings.AMQP_PASSWORD).ifPresent(v -> given.put(StackCredentials.AMQP_PASSWORD, v));
        if (source.lookup(TaskSettings.AMQP_URL).isPresent() && source.lookup(TaskSettings.AMQP_PASSWORD).isEmpty()) {
            throw new ConfigException(TaskSettings.AMQP_URL.envName() + " is set but " + TaskSettings.AMQP_PASSWORD.envName()
                    + " is not: the stack cannot make up the password of a broker it does not start");
        }
        return new StackCredentials.Given(given, source.profile() != Profile.PROD);
    }

    /**
     * Everything embedded, on the given ports, under {@code runDir}, without the apps, every secret made
     * up: what the test harness uses.
     */
    public static StackSettings embedded(Path home, Path runDir, int kafkaPort, int registryPort, int postgresPort,
                                         int redisPort, int connectPort, int amqpPort) {
        return new StackSettings(home, runDir, true,
                new PartSetting<>(null, kafkaPort), 1, new PartSetting<>(null, registryPort),
                new PartSetting<>(null, postgresPort), EmbeddedPostgres.USER, EmbeddedPostgres.DEV_PASSWORD,
                new PartSetting<>(null, redisPort), new PartSetting<>(null, connectPort), new PartSetting<>(null, amqpPort),
                TaskSettings.AMQP_USER.devDefault().orElseThrow(), 1,
                PlatformSettings.TOPIC_PARTITIONS.devDefault().orElseThrow(), false, 0, 0, new MailPorts(0, 0),
                PlatformSettings.BOOTSTRAP_ADMIN_EMAIL.devDefault().orElseThrow(), StackCredentials.Given.none());
    }

    /**
     * The same stack with every app of {@link LocalStack#APPS} started, app i on {@code appsBasePort + i},
     * clients' gateway on {@code gatewayPort}, topics with {@code topicPartitions} partitions: what the
     * benchmarks and the tests through the gateway run.
     */
    public StackSettings withApps(int appsBasePort, int gatewayPort, int topicPartitions) {
        return new StackSettings(home, runDir, fresh, kafka, brokers, registry, postgres, postgresUser, postgresPassword, redis,
                connect, amqp, amqpUser, replicationFactor, topicPartitions, true, appsBasePort, gatewayPort, mail, adminEmail, secrets);
    }

    /** The same stack again, keeping its data: what a second {@code local-stack/run} does. */
    public StackSettings keepingData() {
        return new StackSettings(home, runDir, false, kafka, brokers, registry, postgres, postgresUser, postgresPassword, redis,
                connect, amqp, amqpUser, replicationFactor, topicPartitions, withApps, appsBasePort, gatewayPort, mail, adminEmail, secrets);
    }

    /**
     * The same stack using the AMQP broker at {@code url} (with this login) instead of starting one:
     * what the test harness does when COMMERCE_AMQP_URL is set, so its AMQP tests also run on RabbitMQ.
     */
    public StackSettings withExternalAmqp(URI url, String user, String password) {
        Map<String, String> given = new LinkedHashMap<>(secrets.values());
        given.put(StackCredentials.AMQP_PASSWORD, password);
        return new StackSettings(home, runDir, fresh, kafka, brokers, registry, postgres, postgresUser, postgresPassword, redis,
                connect, new PartSetting<>(url, amqp.embeddedPort()), user, replicationFactor, topicPartitions, withApps, appsBasePort,
                gatewayPort, mail, adminEmail, new StackCredentials.Given(given, secrets.generateMissing()));
    }

    /**
     * The same stack on {@code nodes} embedded Kafka brokers (1 or 3; 2n consecutive ports from the
     * Kafka port), every topic replicated min(n, 3) times with min.insync.replicas 2 of 3.
     */
    public StackSettings withBrokers(int nodes) {
        return new StackSettings(home, runDir, fresh, kafka, nodes, registry, postgres, postgresUser, postgresPassword, redis,
                connect, amqp, amqpUser, KafkaCluster.replicationFactor(nodes), topicPartitions, withApps, appsBasePort, gatewayPort,
                mail, adminEmail, secrets);
    }

    /** The jars the stack itself runs from, which its Kafka brokers run from too (written by the local-stack build). */
    public Path stackClasspathFile() {
        return home.resolve("local-stack/target/classpath.txt");
    }

    /** Where the AMQP broker's module is (its target/classpath.txt starts it). */
    public Path amqpBrokerModule() {
        return home.resolve("amqp-broker");
    }

    /** The OpenTelemetry Java agent the traced apps run with (copied there by the local-stack build). */
    public Path tracingAgentJar() {
        return home.resolve("local-stack/target/observe/opentelemetry-javaagent.jar");
    }

    /** Zipkin's executable jar (copied there by the local-stack build). */
    public Path zipkinJar() {
        return home.resolve("local-stack/target/observe/zipkin-server-exec.jar");
    }

    public Path registryJar() {
        return home.resolve("schema-registry/target/quarkus-app/quarkus-run.jar");
    }

    /** The connector configs the stack applies once Connect runs (connectors/config/*.json). */
    public Path connectorsDir() {
        return home.resolve("connectors/config");
    }

    public Path connectPluginPath() {
        return home.resolve("connectors/plugins/target/plugin-path");
    }

    /**
     * The checkout root: the system property {@code commerce.home} (set by the build for tests),
     * else the nearest directory upwards from the working directory holding schema-registry/.
     */
    public static Path findHome() {
        String property = System.getProperty("commerce.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (dir.resolve("schema-registry").toFile().isDirectory() && dir.resolve("pom.xml").toFile().isFile()) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the commerce-core checkout; run from inside it or set COMMERCE_HOME");
    }
}

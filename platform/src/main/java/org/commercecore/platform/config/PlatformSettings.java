package org.commercecore.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings more than one component reads, declared once here so every reader (an app, the
 * connectors tool, the local stack) shares one definition. The defaults point at the local stack
 * ({@code local-stack/}) and are for development only. The local stack tells "given" from
 * "start it embedded" with {@link ConfigSource#lookup}, which ignores the default.
 * Which component reads which setting: docs/configuration.md.
 */
public final class PlatformSettings {
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.string("kafka.bootstrap.servers",
            "Kafka bootstrap servers, host:port[,host:port...]", "127.0.0.1:9092").requiredInProd();

    /** The registry's base URL; the Confluent-compatible API is under {@code /apis/ccompat/v7}. */
    public static final Setting<URI> REGISTRY_URL = Setting.uri("registry.url",
            "schema registry base URL (its Confluent-compatible API is under /apis/ccompat/v7)",
            URI.create("http://127.0.0.1:8081")).requiredInProd();

    /** Each instance needs its own: two instances of one app cannot share a state directory. */
    public static final Setting<Path> STATE_DIR = Setting.path("state.dir",
            "directory for this instance's Kafka Streams state stores (one per instance)",
            Path.of(System.getProperty("java.io.tmpdir"), "commerce-core", "state")).requiredInProd();

    /** The Redis both APIs use (refresh sessions, the top-sellers cache). */
    public static final Setting<URI> REDIS_URL = Setting.uri("redis.url",
            "Redis URL, redis://host:port (refresh sessions, the top-sellers cache)",
            URI.create("redis://127.0.0.1:6379")).requiredInProd();

    /** Signs the access tokens the command API issues and both APIs verify; the same value everywhere. */
    public static final Setting<String> TOKEN_SECRET = Setting.secret("auth.token.secret",
            "HMAC secret signing access tokens (32+ bytes), shared by the command and query APIs",
            "dev-only-token-secret-change-me-in-every-deployment").requiring(s -> s.length() >= 32, "must be at least 32 characters");

    /**
     * Signs the token every query API instance sends with each gRPC lookup to another instance; the
     * same value on every instance, and not the access tokens' secret (a leaked user token secret
     * must not open the peer port). Declared here, not in the query API, so the local stack can pass
     * it to the instances it starts.
     */
    public static final Setting<String> PEER_SECRET = Setting.secret("peer.secret",
            "HMAC secret signing the tokens query API instances send each other with every gRPC lookup (32+ bytes);"
                    + " the same on every instance, different from COMMERCE_AUTH_TOKEN_SECRET",
            "dev-only-peer-secret-change-me-in-every-deployment").requiring(s -> s.length() >= 32, "must be at least 32 characters");

    /** Loopback unless told otherwise: a service is off the network until its deployment says it should not be. */
    public static final Setting<String> BIND_ADDRESS = Setting.string("bind.address",
            "interface the service's ports listen on (HTTP, and the query API's gRPC): 127.0.0.1 keeps them off the"
                    + " network, 0.0.0.0 listens on every interface", "127.0.0.1");

    public static final Setting<Integer> HTTP_PORT = Setting.port("http.port",
            "port of the service's HTTP surface (health, metrics, API); 0 picks a free one", 0);

    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("streams.commit.interval",
            "Kafka Streams commit interval; under exactly-once each hop adds about one interval of latency",
            Duration.ofMillis(100));

    public static final Setting<Integer> STREAM_THREADS = Setting.integer("streams.threads",
            "Kafka Streams threads per instance", 1).requiring(n -> n >= 1, "must be at least 1");

    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("topics.partitions",
            "partitions of every domain and CDC topic this process creates (and expects of those that exist): the most"
                    + " instances of one app that can share its work; the same value for every app and the stack, and"
                    + " changing it for existing topics is a migration (docs/scaling.md); the local stack uses 2 when unset", 4)
            .requiring(n -> n >= 1 && n <= 1000, "must be between 1 and 1000");

    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("kafka.replication.factor",
            "replication factor of topics this process creates (1 on a single dev broker)", 1)
            .requiring(n -> n >= 1, "must be at least 1");

    /** Kubernetes' and the gateway's health checks poll every few seconds; a drain of about one poll keeps stops invisible. */
    public static final Setting<Duration> SHUTDOWN_DRAIN = Setting.duration("shutdown.drain",
            "how long a stopping service keeps serving while its readiness already answers 503, so load balancers"
                    + " take it out of rotation before it refuses connections", Duration.ZERO);

    /**
     * Read by the logging configuration (log4j2.xml) from the environment only, before any code
     * runs; declared here so it is documented and a wrong value stops the start instead of the logs.
     */
    public static final Setting<String> LOG_FORMAT = Setting.string("log.format",
            "how services write their log lines to standard output: text (one readable line each) or json (ECS, one"
                    + " document per line, with trace.id and span.id); environment only", "text")
            .requiring(f -> f.equals("text") || f.equals("json"), "must be text or json (lower case)");

    /** The {@code service.name} of each JSON log line (log4j2.xml reads it from the environment); set by the local stack. */
    public static final Setting<String> SERVICE_NAME = Setting.string("service.name",
            "the service's name in its JSON log lines (service.name); environment only", "commerce-core");

    /** The write side: the command API writes to it; the local stack migrates it, or starts it embedded when no URL is given. */
    public static final Setting<String> POSTGRES_URL = Setting.string("postgres.url",
            "PostgreSQL JDBC URL of the write side", "jdbc:postgresql://127.0.0.1:5432/postgres").requiredInProd();
    public static final Setting<String> POSTGRES_USER = Setting.string("postgres.user",
            "PostgreSQL user of the write side", "postgres");
    /** The default is the embedded server's, which trusts local connections. */
    public static final Setting<String> POSTGRES_PASSWORD = Setting.secret("postgres.password",
            "PostgreSQL password of that user", "postgres");

    /** The command API creates this admin when the shop has none; the local stack's demo logs in as it. */
    public static final Setting<String> BOOTSTRAP_ADMIN_EMAIL = Setting.string("auth.bootstrap.admin.email",
            "e-mail of the admin account created when the shop has none", "admin@commerce.local");
    public static final Setting<String> BOOTSTRAP_ADMIN_PASSWORD = Setting.secret("auth.bootstrap.admin.password",
            "first password of that admin account", "dev-only-admin-password");

    private PlatformSettings() {
    }

    /** What {@link ConfigSource} itself reads, in every process. */
    public static List<Setting<?>> everyProcess() {
        return List.of(ConfigSource.PROFILE, ConfigSource.CONFIG_FILE);
    }
}

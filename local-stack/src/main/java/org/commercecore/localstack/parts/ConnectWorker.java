package org.commercecore.localstack.parts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real Kafka Connect worker (distributed mode, so its REST API is the one operators use in
 * production) running in this JVM. Plugins (Debezium PostgreSQL, the Apicurio Avro converter)
 * are loaded in isolation from {@code pluginPath}, one directory per plugin.
 */
public final class ConnectWorker implements Part {
    /** Debezium's source connector class, used to check the plugin is loaded. */
    public static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";

    /** The stack's Connect cluster: group id {@code commerce-connect}, topics {@code connect.*}. */
    public static final String CLUSTER = "commerce-connect";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Connect<?> connect;
    private final URI url;
    private final Optional<ConnectRestLogin.Hold> login;

    private ConnectWorker(Connect<?> connect, URI url, Optional<ConnectRestLogin.Hold> login) {
        this.connect = connect;
        this.url = url;
        this.login = login;
    }

    /**
     * Starts a worker. {@code connectorEnvironment} is what {@code ${env:...}} in connector configs
     * resolves to on this worker (over the process environment), see StackEnvConfigProvider.
     */
    public static ConnectWorker start(String bootstrapServers, int port, Path pluginPath,
            Map<String, String> connectorEnvironment, Optional<RestCredentials> credentials) {
        return start(CLUSTER, bootstrapServers, port, pluginPath, connectorEnvironment, credentials);
    }

    /** A worker of the named Connect cluster (its group and its config, offset and status topics). */
    public static ConnectWorker start(String cluster, String bootstrapServers, int port, Path pluginPath,
            Map<String, String> connectorEnvironment, Optional<RestCredentials> credentials) {
        if (!Files.isDirectory(pluginPath.resolve("debezium-connector-postgres"))) {
            throw new IllegalStateException("Connect plugins not found under " + pluginPath
                    + "; build them first: mvn -pl connectors/plugins package");
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", cluster);
        String topicPrefix = cluster.equals(CLUSTER) ? "connect" : cluster;
        props.put("config.storage.topic", topicPrefix + ".configs");
        props.put("offset.storage.topic", topicPrefix + ".offsets");
        props.put("status.storage.topic", topicPrefix + ".status");
        // the broker's default: three replicas on the three-broker stack, one on a single broker
        props.put("config.storage.replication.factor", "-1");
        props.put("offset.storage.replication.factor", "-1");
        props.put("status.storage.replication.factor", "-1");
        props.put("offset.storage.partitions", "4");
        props.put("status.storage.partitions", "2");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(port));
        // source connectors may ask for exactly-once delivery (offsets committed in the same transaction)
        props.put("exactly.once.source.support", "enabled");
        // connector configs may say ${env:COMMERCE_...} instead of carrying addresses or secrets
        props.put("config.providers", "env");
        props.put("config.providers.env.class", StackEnvConfigProvider.class.getName());
        connectorEnvironment.forEach((k, v) -> props.put("config.providers.env.param." + k, v));
        props.put("connector.client.config.override.policy", "All");

        Optional<ConnectRestLogin.Hold> login = credentials.map(c -> c.protect(props));
        Connect<?> connect;
        try {
            connect = new ConnectDistributed().startConnect(props);
        } catch (RuntimeException e) {
            login.ifPresent(ConnectRestLogin.Hold::close);
            throw e;
        }
        ConnectWorker worker = new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port), login);
        try {
            worker.awaitHealthy(Duration.ofSeconds(90), credentials);
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    private void awaitHealthy(Duration timeout, Optional<RestCredentials> credentials) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest.Builder pluginsRequest = HttpRequest.newBuilder(url.resolve("/connector-plugins")).timeout(Duration.ofSeconds(5));
        HttpRequest.Builder connectorsRequest = HttpRequest.newBuilder(url.resolve("/connectors")).timeout(Duration.ofSeconds(5));
        credentials.ifPresent(c -> {
            pluginsRequest.header("Authorization", c.authorizationHeader());
            connectorsRequest.header("Authorization", c.authorizationHeader());
        });
        HttpRequest plugins = pluginsRequest.GET().build();
        HttpRequest connectors = connectorsRequest.GET().build();
        Waits.until("Kafka Connect at " + url, timeout, () -> {
            HttpResponse<String> p = http.send(plugins, HttpResponse.BodyHandlers.ofString());
            if (p.statusCode() != 200) {
                // said in the timeout's message if it never changes (e.g. 401: the credentials are not accepted)
                throw new IllegalStateException("GET /connector-plugins answered " + p.statusCode() + ": "
                        + p.body().substring(0, Math.min(200, p.body().length())));
            }
            if (!p.body().contains(POSTGRES_CONNECTOR)) {
                return false;
            }
            // /connectors answers only once the worker has joined its group and read the config topic
            return http.send(connectors, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    @Override
    public String name() {
        return "kafka-connect";
    }

    @Override
    public String address() {
        return url.toString();
    }

    /**
     * Stops the worker; a task that will not stop is abandoned after a while, so a stop never hangs the
     * stack. Its REST login ends either way.
     */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            login.ifPresent(ConnectRestLogin.Hold::close);
        }
    }

    private void stop() {
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            connect.stop();
            connect.awaitStop();
        });
        try {
            stopping.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka Connect did not stop within " + STOP_TIMEOUT.toSeconds() + " s; abandoning it");
        } catch (ExecutionException e) {
            throw new IllegalStateException("stopping Kafka Connect failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

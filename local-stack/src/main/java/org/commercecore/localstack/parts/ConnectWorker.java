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

    private final Connect<?> connect;
    private final URI url;

    private ConnectWorker(Connect<?> connect, URI url) {
        this.connect = connect;
        this.url = url;
    }

    /**
     * Starts a worker. {@code connectorEnvironment} is what {@code ${env:...}} in connector configs
     * resolves to on this worker (over the process environment), see StackEnvConfigProvider.
     */
    public static ConnectWorker start(String bootstrapServers, int port, Path pluginPath,
            Map<String, String> connectorEnvironment, Optional<RestCredentials> credentials) {
        if (!Files.isDirectory(pluginPath.resolve("debezium-connector-postgres"))) {
            throw new IllegalStateException("Connect plugins not found under " + pluginPath
                    + "; build them first: mvn -pl connectors/plugins package");
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "commerce-connect");
        props.put("config.storage.topic", "connect.configs");
        props.put("offset.storage.topic", "connect.offsets");
        props.put("status.storage.topic", "connect.status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
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
        credentials.ifPresent(c -> props.putAll(c.workerSettings()));
        props.put("connector.client.config.override.policy", "All");

        Connect<?> connect = new ConnectDistributed().startConnect(props);
        ConnectWorker worker = new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
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
            if (p.statusCode() != 200 || !p.body().contains(POSTGRES_CONNECTOR)) {
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

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}

package org.commercecore.localstack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.commercecore.connectors.ConnectClient;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * Where each part of a running stack listens, the login of its Connect REST API, and the AMQP
 * broker with its login. Handed to
 * tests by the JUnit extension and passed to apps as the same {@code COMMERCE_*} environment
 * variables they read in production (no app gets the Connect login: none calls Connect).
 */
public record StackAddresses(
        String kafkaBootstrapServers,
        URI registryUrl,
        String postgresJdbcUrl,
        String postgresUser,
        String postgresPassword,
        URI redisUrl,
        URI connectUrl,
        Optional<ConnectCredentials> connectCredentials,
        TaskSettings.Broker amqp) {

    /** The environment an app needs to use this stack, without secrets other than PostgreSQL's dev password. */
    public Map<String, String> asEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS.envName(), kafkaBootstrapServers);
        env.put(PlatformSettings.REGISTRY_URL.envName(), registryUrl.toString());
        env.put(PlatformSettings.POSTGRES_URL.envName(), postgresJdbcUrl);
        env.put(PlatformSettings.POSTGRES_USER.envName(), postgresUser);
        env.put(PlatformSettings.POSTGRES_PASSWORD.envName(), postgresPassword);
        env.put(PlatformSettings.REDIS_URL.envName(), redisUrl.toString());
        env.put(ConnectSettings.CONNECT_URL.envName(), connectUrl.toString());
        env.put(TaskSettings.AMQP_URL.envName(), amqp.url().toString());
        env.put(TaskSettings.AMQP_USER.envName(), amqp.user());
        return env; // the AMQP password is one of the run's secrets: handed only to the apps that read it
    }

    /** The same stack with its Connect worker's address and login. */
    public StackAddresses withConnect(URI connect, Optional<ConnectCredentials> credentials) {
        return new StackAddresses(kafkaBootstrapServers, registryUrl, postgresJdbcUrl, postgresUser, postgresPassword,
                redisUrl, connect, credentials, amqp);
    }

    /** The operator's client of this stack's Connect REST API, logged in. */
    public ConnectClient connectClient() {
        return new ConnectClient(connectUrl, connectCredentials.map(ConnectCredentials::user).orElse(null),
                connectCredentials.map(ConnectCredentials::password).orElse(null));
    }

    /** A request to this stack's Connect REST API ({@code path} from its root), carrying its login. */
    public HttpRequest.Builder connectRequest(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(connectUrl.resolve(path));
        connectCredentials.ifPresent(c -> request.header("Authorization", c.authorizationHeader()));
        return request;
    }

    /** What the connectors tool reads to reach this stack's Connect: URL, and the login if there is one. */
    public Map<String, String> connectToolEnvironment() {
        return connectCredentials.map(c -> c.toolEnvironment(connectUrl))
                .orElseGet(() -> Map.of(ConnectSettings.CONNECT_URL.envName(), connectUrl.toString()));
    }

    /**
     * What {@code ${env:...}} in connectors/config resolves to on the Connect worker: the addresses
     * the apps get, plus PostgreSQL's host, port and database apart (Debezium wants them so).
     */
    public Map<String, String> connectorEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS.envName(), kafkaBootstrapServers);
        env.put(PlatformSettings.REGISTRY_URL.envName(), registryUrl.toString());
        env.put(PlatformSettings.POSTGRES_URL.envName(), postgresJdbcUrl);
        env.put("COMMERCE_POSTGRES_HOST", postgresHost());
        env.put("COMMERCE_POSTGRES_PORT", String.valueOf(postgresPort()));
        env.put("COMMERCE_POSTGRES_DATABASE", postgresDatabase());
        env.put(PlatformSettings.POSTGRES_USER.envName(), postgresUser);
        env.put(PlatformSettings.POSTGRES_PASSWORD.envName(), postgresPassword);
        return env;
    }

    public String postgresHost() {
        return jdbcTarget().getHost();
    }

    public int postgresPort() {
        int port = jdbcTarget().getPort();
        return port < 0 ? 5432 : port;
    }

    public String postgresDatabase() {
        String path = jdbcTarget().getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }

    private URI jdbcTarget() {
        String url = postgresJdbcUrl.startsWith("jdbc:") ? postgresJdbcUrl.substring("jdbc:".length()) : postgresJdbcUrl;
        int query = url.indexOf('?');
        return URI.create(query < 0 ? url : url.substring(0, query));
    }
}

package org.commercecore.amqpbroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Apache Qpid Broker-J as the stack's AMQP 0-9-1 broker: one listener on loopback (or the
 * address given), one user with PLAIN login, an in-memory virtual host. What it is configured
 * with comes from the environment the local stack sets; it prints {@code READY} once it accepts
 * connections and shuts down cleanly on SIGTERM.
 *
 * <p>The virtual host keeps messages in memory: a restart of this broker loses queued tasks
 * (RabbitMQ, what production points {@code COMMERCE_AMQP_URL} at, keeps them on disk).
 */
public final class AmqpBrokerMain {
    private AmqpBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(required("COMMERCE_AMQP_BROKER_PORT"));
        String host = System.getenv().getOrDefault("COMMERCE_AMQP_BROKER_HOST", "127.0.0.1");
        String user = required("COMMERCE_AMQP_BROKER_USER");
        String password = required("COMMERCE_AMQP_BROKER_PASSWORD");
        Path workDir = Path.of(required("COMMERCE_AMQP_BROKER_WORK_DIR")).toAbsolutePath();
        Files.createDirectories(workDir);
        Path config = workDir.resolve("initial-config.json");
        // owner-only from its creation on: it holds the broker's password
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, JsonMapper.builder().build().writeValueAsString(initialConfig(host, port, user, password)));

        SystemLauncher launcher = new SystemLauncher();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE); // SLF4J already writes it
        attributes.put("context", Map.of(SystemConfig.QPID_WORK_DIR, workDir.toString()));
        launcher.startup(attributes);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::shutdown, "amqp-broker-shutdown"));
        System.out.println("READY amqp://" + host + ":" + port);
    }

    /**
     * PLAIN over plain TCP needs {@code secureOnlyMechanisms} emptied (Qpid offers it only over TLS by
     * default); the listener is on loopback unless told otherwise, like every part of the stack.
     */
    static Map<String, Object> initialConfig(String host, int port, String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "commerce-amqp");
        config.put("modelVersion", "8.0");
        config.put("authenticationproviders", List.of(Map.of(
                "name", "plain",
                "type", "Plain",
                "secureOnlyMechanisms", List.of(),
                "users", List.of(Map.of("name", user, "type", "managed", "password", password)))));
        config.put("ports", List.of(Map.of(
                "name", "AMQP",
                "port", port,
                "bindingAddress", host,
                "protocols", List.of("AMQP_0_9_1"),
                "authenticationProvider", "plain",
                "virtualhostaliases", List.of(
                        Map.of("name", "nameAlias", "type", "nameAlias"),
                        Map.of("name", "defaultAlias", "type", "defaultAlias")))));
        config.put("virtualhostnodes", List.of(Map.of(
                "name", "default",
                "type", "Memory",
                "defaultVirtualHostNode", "true",
                "virtualHostInitialConfiguration", "{\"type\": \"Memory\"}")));
        return config;
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " must be set (the local stack sets it)");
        }
        return value;
    }
}

package org.commercecore.localstack.parts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP basic credentials for a Connect worker's REST API, enforced by Kafka's
 * BasicAuthSecurityRestExtension (realm {@code KafkaConnect}, users in a properties file named
 * by a JAAS login config). Outside dev the worker runs with them; the operator tool sends them.
 */
public record RestCredentials(String user, String password, Path directory) {
    public static final String EXTENSION = "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

    public RestCredentials {
        if (user == null || user.isBlank() || user.contains(":") || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Connect REST credentials need a user (without ':') and a password");
        }
    }

    /**
     * Writes the user file (owner-only) and the JAAS config, points this JVM's JAAS at it, and
     * returns the worker settings that turn the extension on. The extension reads the JAAS
     * configuration once per JVM, when its class is first loaded, so this must happen before the
     * JVM's first Connect worker starts (the stack's worker is its only one).
     */
    Map<String, String> workerSettings() {
        try {
            Files.createDirectories(directory);
            Path users = directory.resolve("connect-rest.users");
            Files.writeString(users, user + ": " + password + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
            Path jaas = directory.resolve("connect-rest.jaas");
            Files.writeString(jaas, """
                    KafkaConnect {
                        org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
                        file="%s";
                    };
                    """.formatted(users.toAbsolutePath()));
            System.setProperty("java.security.auth.login.config", jaas.toAbsolutePath().toString());
            javax.security.auth.login.Configuration.setConfiguration(null); // re-read on next use
            return Map.of("rest.extension.classes", EXTENSION);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write Connect REST credentials under " + directory + ": " + e.getMessage(), e);
        }
    }

    String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RestCredentials[user=" + user + ", password=***]";
    }
}

package org.commercecore.localstack.parts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP basic credentials for a Connect worker's REST API, enforced by Kafka's
 * BasicAuthSecurityRestExtension (realm {@code KafkaConnect}). The local stack's worker always runs
 * with them (generated per run dir unless given, see StackCredentials); the operator tool sends them.
 * {@code directory} holds the worker's owner-only users file while it runs.
 */
public record RestCredentials(String user, String password, Path directory) {
    public static final String EXTENSION = "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

    public RestCredentials {
        if (user == null || user.isBlank() || user.contains(":") || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Connect REST credentials need a user (without ':') and a password");
        }
    }

    /**
     * Turns the login on for a worker about to start in this JVM: the returned settings load the
     * extension, and until the hold is closed (once the worker has stopped) the JVM's
     * {@code KafkaConnect} login accepts these credentials only (see ConnectRestLogin: one set of
     * credentials per JVM at a time, any number of stacks one after another).
     */
    ConnectRestLogin.Hold protect(Map<String, String> workerSettings) {
        ConnectRestLogin.Hold hold = ConnectRestLogin.serve(this);
        workerSettings.put("rest.extension.classes", EXTENSION);
        return hold;
    }

    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RestCredentials[user=" + user + ", password=***]";
    }
}

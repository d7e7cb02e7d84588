package org.commercecore.localstack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.commercecore.connectors.ConnectSettings;

/**
 * Basic-auth credentials of a Connect REST API: the ones the stack's own worker requires (generated
 * per run dir unless given), or the ones given for an external worker.
 */
public record ConnectCredentials(String user, String password) {
    public ConnectCredentials {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Connect REST credentials need a user and a password");
        }
    }

    /** The {@code Authorization} header value. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What the connectors tool reads to reach that API: URL, user and password. */
    public Map<String, String> toolEnvironment(URI connectUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ConnectSettings.CONNECT_URL.envName(), connectUrl.toString());
        env.put(ConnectSettings.CONNECT_USER.envName(), user);
        env.put(ConnectSettings.CONNECT_PASSWORD.envName(), password);
        return env;
    }

    @Override
    public String toString() {
        return "ConnectCredentials[user=" + user + ", password=***]";
    }
}

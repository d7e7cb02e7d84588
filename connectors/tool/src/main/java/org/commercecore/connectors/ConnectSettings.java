package org.commercecore.connectors;

import java.net.URI;
import java.util.List;
import org.commercecore.platform.config.Setting;

/**
 * Where Kafka Connect's REST API is and how to log in to it: read by the connectors tool and by the
 * local stack (which depends on this module), so declared here once. The local stack starts its own
 * worker when {@link #CONNECT_URL} is not given explicitly.
 */
public final class ConnectSettings {
    public static final Setting<URI> CONNECT_URL = Setting.uri("connect.url", "Kafka Connect REST URL",
            URI.create("http://127.0.0.1:8083")).requiredInProd();
    /**
     * No default: a worker may be open in dev, never outside it. The local stack's own worker always
     * requires a login, generated per run dir unless given (.run/local-stack/credentials.env).
     */
    public static final Setting<String> CONNECT_USER = Setting.string("connect.user",
            "Kafka Connect REST user (basic auth); required when COMMERCE_PROFILE=prod. The local stack's own worker"
                    + " always requires one: unset, it generates a login per run dir (its credentials.env)", null);
    public static final Setting<String> CONNECT_PASSWORD = Setting.secret("connect.password",
            "Kafka Connect REST password of that user", null);

    private ConnectSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(CONNECT_URL, CONNECT_USER, CONNECT_PASSWORD);
    }
}

package org.commercecore.query;

import java.util.List;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;

/** The query API's own settings, and what it reads besides every Streams app's (for the catalogue of settings). */
public final class QueryApiSettings {
    static final Setting<Integer> GRPC_PORT = Setting.port("grpc.port",
            "port other instances query this one's views on (gRPC); 0 picks a free one", 0);
    static final Setting<String> ADVERTISED_HOST = Setting.string("advertised.host",
            "host name the other instances reach this one at", "127.0.0.1").requiredInProd();

    private QueryApiSettings() {
    }

    /** What {@link QueryApiConfig#from} reads beyond {@code StreamsSettings.all()}. */
    public static List<Setting<?>> all() {
        return List.of(GRPC_PORT, ADVERTISED_HOST, PlatformSettings.REDIS_URL, PlatformSettings.TOKEN_SECRET,
                PlatformSettings.PEER_SECRET);
    }
}

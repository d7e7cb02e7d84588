package org.commercecore.command;

import java.time.Duration;
import java.util.List;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;

/** The command API's own settings, and every setting it reads (for the catalogue of settings). */
public final class CommandApiSettings {
    static final Setting<Duration> ACCESS_LIFETIME = Setting.duration("auth.access.lifetime",
            "lifetime of an access token the command API issues", Duration.ofMinutes(15));
    static final Setting<Duration> REFRESH_LIFETIME = Setting.duration("auth.refresh.lifetime",
            "lifetime of a refresh session in Redis", Duration.ofDays(30));

    private CommandApiSettings() {
    }

    /** What {@link CommandApiConfig#from} reads. */
    public static List<Setting<?>> all() {
        return List.of(PlatformSettings.BIND_ADDRESS, PlatformSettings.HTTP_PORT, PlatformSettings.POSTGRES_URL, PlatformSettings.POSTGRES_USER,
                PlatformSettings.POSTGRES_PASSWORD, PlatformSettings.REDIS_URL, PlatformSettings.TOKEN_SECRET, ACCESS_LIFETIME,
                REFRESH_LIFETIME, PlatformSettings.BOOTSTRAP_ADMIN_EMAIL, PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD);
    }
}

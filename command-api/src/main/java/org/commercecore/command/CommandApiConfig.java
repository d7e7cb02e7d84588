package org.commercecore.command;

import java.net.URI;
import java.time.Duration;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;

/** The command API's configuration, from COMMERCE_* variables; dev defaults point at the local stack. */
public record CommandApiConfig(
        int httpPort,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        URI redisUrl,
        String tokenSecret,
        Duration accessTokenLifetime,
        Duration refreshSessionLifetime,
        String bootstrapAdminEmail,
        String bootstrapAdminPassword,
        String bindAddress) {

    public static CommandApiConfig from(ConfigSource source) {
        return new CommandApiConfig(source.get(PlatformSettings.HTTP_PORT), source.get(PlatformSettings.POSTGRES_URL),
                source.get(PlatformSettings.POSTGRES_USER), source.get(PlatformSettings.POSTGRES_PASSWORD),
                source.get(PlatformSettings.REDIS_URL), source.get(PlatformSettings.TOKEN_SECRET),
                source.get(CommandApiSettings.ACCESS_LIFETIME), source.get(CommandApiSettings.REFRESH_LIFETIME),
                source.get(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL), source.get(PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD),
                source.get(PlatformSettings.BIND_ADDRESS));
    }

    @Override
    public String toString() {
        return "CommandApiConfig[bindAddress=" + bindAddress + ", httpPort=" + httpPort + ", postgresUrl=" + postgresUrl + ", redisUrl=" + redisUrl
                + ", accessTokenLifetime=" + accessTokenLifetime + ", refreshSessionLifetime=" + refreshSessionLifetime + "]";
    }
}

package org.commercecore.command;

import java.net.URI;
import java.time.Duration;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;

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
        String bootstrapAdminPassword) {

    static final Setting<String> POSTGRES_URL = Setting.string("postgres.url", "PostgreSQL JDBC URL of the write side",
            "jdbc:postgresql://127.0.0.1:5432/postgres").requiredInProd();
    static final Setting<String> POSTGRES_USER = Setting.string("postgres.user", "PostgreSQL user", "postgres");
    static final Setting<String> POSTGRES_PASSWORD = Setting.secret("postgres.password", "PostgreSQL password", "postgres");
    static final Setting<Duration> ACCESS_LIFETIME = Setting.duration("auth.access.lifetime",
            "lifetime of an access token", Duration.ofMinutes(15));
    static final Setting<Duration> REFRESH_LIFETIME = Setting.duration("auth.refresh.lifetime",
            "lifetime of a refresh session in Redis", Duration.ofDays(30));
    static final Setting<String> ADMIN_EMAIL = Setting.string("auth.bootstrap.admin.email",
            "the admin account created when the shop has none", "admin@commerce.local");
    static final Setting<String> ADMIN_PASSWORD = Setting.secret("auth.bootstrap.admin.password",
            "that account's first password", "dev-only-admin-password");

    public static CommandApiConfig from(ConfigSource source) {
        return new CommandApiConfig(source.get(PlatformSettings.HTTP_PORT), source.get(POSTGRES_URL), source.get(POSTGRES_USER),
                source.get(POSTGRES_PASSWORD), source.get(PlatformSettings.REDIS_URL), source.get(PlatformSettings.TOKEN_SECRET),
                source.get(ACCESS_LIFETIME),
                source.get(REFRESH_LIFETIME), source.get(ADMIN_EMAIL), source.get(ADMIN_PASSWORD));
    }

    @Override
    public String toString() {
        return "CommandApiConfig[httpPort=" + httpPort + ", postgresUrl=" + postgresUrl + ", redisUrl=" + redisUrl
                + ", accessTokenLifetime=" + accessTokenLifetime + ", refreshSessionLifetime=" + refreshSessionLifetime + "]";
    }
}

package org.commercecore.command;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.commercecore.command.auth.LoginThrottle;
import org.commercecore.command.auth.OneTimeCodes;
import org.commercecore.platform.tasks.TaskSettings;
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
        String bindAddress,
        LoginThrottle.Limit loginFailuresPerAccount,
        LoginThrottle.Limit loginFailuresPerAddress,
        List<String> trustedProxies,
        OneTimeCodes.Policy codes,
        TaskSettings.Broker amqp) {

    public CommandApiConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** With the login limits' and codes' defaults and no trusted proxy (tests that do not exercise them). */
    public CommandApiConfig(int httpPort, String postgresUrl, String postgresUser, String postgresPassword, URI redisUrl, String tokenSecret,
                            Duration accessTokenLifetime, Duration refreshSessionLifetime, String bootstrapAdminEmail,
                            String bootstrapAdminPassword, String bindAddress, TaskSettings.Broker amqp) {
        this(httpPort, postgresUrl, postgresUser, postgresPassword, redisUrl, tokenSecret, accessTokenLifetime, refreshSessionLifetime,
                bootstrapAdminEmail, bootstrapAdminPassword, bindAddress,
                new LoginThrottle.Limit(CommandApiSettings.LOGIN_ACCOUNT_MAX_FAILURES.devDefault().orElseThrow(),
                        CommandApiSettings.LOGIN_ACCOUNT_WINDOW.devDefault().orElseThrow()),
                new LoginThrottle.Limit(CommandApiSettings.LOGIN_ADDRESS_MAX_FAILURES.devDefault().orElseThrow(),
                        CommandApiSettings.LOGIN_ADDRESS_WINDOW.devDefault().orElseThrow()),
                List.of(), new OneTimeCodes.Policy(CommandApiSettings.CODE_LIFETIME.devDefault().orElseThrow(),
                        CommandApiSettings.CODE_ATTEMPTS.devDefault().orElseThrow(), CommandApiSettings.CODE_SENDS.devDefault().orElseThrow(),
                        CommandApiSettings.CODE_SEND_WINDOW.devDefault().orElseThrow()), amqp);
    }

    public static CommandApiConfig from(ConfigSource source) {
        return new CommandApiConfig(source.get(PlatformSettings.HTTP_PORT), source.get(PlatformSettings.POSTGRES_URL),
                source.get(PlatformSettings.POSTGRES_USER), source.get(PlatformSettings.POSTGRES_PASSWORD),
                source.get(PlatformSettings.REDIS_URL), source.get(PlatformSettings.TOKEN_SECRET),
                source.get(CommandApiSettings.ACCESS_LIFETIME), source.get(CommandApiSettings.REFRESH_LIFETIME),
                source.get(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL), source.get(PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD),
                source.get(PlatformSettings.BIND_ADDRESS),
                new LoginThrottle.Limit(source.get(CommandApiSettings.LOGIN_ACCOUNT_MAX_FAILURES), source.get(CommandApiSettings.LOGIN_ACCOUNT_WINDOW)),
                new LoginThrottle.Limit(source.get(CommandApiSettings.LOGIN_ADDRESS_MAX_FAILURES), source.get(CommandApiSettings.LOGIN_ADDRESS_WINDOW)),
                source.get(CommandApiSettings.TRUSTED_PROXIES),
                new OneTimeCodes.Policy(source.get(CommandApiSettings.CODE_LIFETIME), source.get(CommandApiSettings.CODE_ATTEMPTS),
                        source.get(CommandApiSettings.CODE_SENDS), source.get(CommandApiSettings.CODE_SEND_WINDOW)),
                TaskSettings.broker(source));
    }

    /** The same configuration with other login limits and trusted proxies. */
    public CommandApiConfig withLoginThrottling(LoginThrottle.Limit perAccount, LoginThrottle.Limit perAddress, List<String> proxies) {
        return new CommandApiConfig(httpPort, postgresUrl, postgresUser, postgresPassword, redisUrl, tokenSecret, accessTokenLifetime,
                refreshSessionLifetime, bootstrapAdminEmail, bootstrapAdminPassword, bindAddress, perAccount, perAddress, proxies, codes, amqp);
    }

    /** The same configuration with another one-time code policy. */
    public CommandApiConfig withCodes(OneTimeCodes.Policy policy) {
        return new CommandApiConfig(httpPort, postgresUrl, postgresUser, postgresPassword, redisUrl, tokenSecret, accessTokenLifetime,
                refreshSessionLifetime, bootstrapAdminEmail, bootstrapAdminPassword, bindAddress, loginFailuresPerAccount,
                loginFailuresPerAddress, trustedProxies, policy, amqp);
    }

    @Override
    public String toString() {
        return "CommandApiConfig[bindAddress=" + bindAddress + ", httpPort=" + httpPort + ", postgresUrl=" + postgresUrl + ", redisUrl=" + redisUrl
                + ", accessTokenLifetime=" + accessTokenLifetime + ", refreshSessionLifetime=" + refreshSessionLifetime
                + ", loginFailuresPerAccount=" + loginFailuresPerAccount + ", loginFailuresPerAddress=" + loginFailuresPerAddress
                + ", trustedProxies=" + trustedProxies + ", codes=" + codes + ", amqp=" + amqp + "]";
    }
}

package org.commercecore.command;

import java.time.Duration;
import java.util.List;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.http.api.ClientAddress;
import org.commercecore.platform.tasks.TaskSettings;

/** The command API's own settings, and every setting it reads (for the catalogue of settings). */
public final class CommandApiSettings {
    static final Setting<Duration> ACCESS_LIFETIME = Setting.duration("auth.access.lifetime",
            "lifetime of an access token the command API issues", Duration.ofMinutes(15));
    static final Setting<Duration> REFRESH_LIFETIME = Setting.duration("auth.refresh.lifetime",
            "lifetime of a refresh session in Redis", Duration.ofDays(30));
    static final Setting<Integer> LOGIN_ACCOUNT_MAX_FAILURES = Setting.integer("auth.login.account.max.failures",
            "failed logins to one account (by e-mail, trimmed and lower-cased, known or not) within its window, from anywhere;"
                    + " further logins to it are answered 429 until the oldest leaves the window", 5)
            .requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Duration> LOGIN_ACCOUNT_WINDOW = Setting.duration("auth.login.account.window",
            "sliding window in which an account's failed logins are counted", Duration.ofMinutes(15))
            .requiring(d -> !d.isZero() && d.toMillis() > 0, "must be at least 1ms");
    static final Setting<Integer> LOGIN_ADDRESS_MAX_FAILURES = Setting.integer("auth.login.address.max.failures",
            "failed logins from one client address (an IPv4 address or IPv6 /64), to any accounts, within its window;"
                    + " further logins from it are answered 429 until the oldest leaves the window", 50)
            .requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Duration> LOGIN_ADDRESS_WINDOW = Setting.duration("auth.login.address.window",
            "sliding window in which a client address's failed logins are counted", Duration.ofMinutes(15))
            .requiring(d -> !d.isZero() && d.toMillis() > 0, "must be at least 1ms");
    static final Setting<List<String>> TRUSTED_PROXIES = Setting.list("http.trusted.proxies",
            "IP addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For tells the client's address (for login"
                    + " throttling); empty: the peer is the client and X-Forwarded-For is ignored", List.of())
            .requiring(l -> l.stream().allMatch(ClientAddress::isProxyPattern), "must list IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8),"
                    + " comma-separated; host names are not looked up");

    static final Setting<Duration> CODE_LIFETIME = Setting.duration("auth.code.lifetime",
            "how long a one-time code (login, e-mail verification) works after it is issued", Duration.ofMinutes(10))
            .requiring(d -> d.toSeconds() >= 1 && d.toHours() <= 24, "must be between 1s and 24h");
    static final Setting<Integer> CODE_ATTEMPTS = Setting.integer("auth.code.attempts",
            "wrong entries of one code before it stops working (a new one must be requested)", 5)
            .requiring(n -> n >= 1 && n <= 20, "must be between 1 and 20");
    static final Setting<Integer> CODE_SENDS = Setting.integer("auth.code.sends",
            "codes of one kind mailed to one e-mail address within COMMERCE_AUTH_CODE_SEND_WINDOW; further requests get 429", 5)
            .requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Duration> CODE_SEND_WINDOW = Setting.duration("auth.code.send.window",
            "window in which codes mailed to an e-mail address are counted", Duration.ofMinutes(15))
            .requiring(d -> d.toMillis() >= 1, "must be at least 1ms");

    private CommandApiSettings() {
    }

    /** What {@link CommandApiConfig#from} reads. */
    public static List<Setting<?>> all() {
        return List.of(PlatformSettings.BIND_ADDRESS, PlatformSettings.HTTP_PORT, PlatformSettings.POSTGRES_URL, PlatformSettings.POSTGRES_USER,
                PlatformSettings.POSTGRES_PASSWORD, PlatformSettings.REDIS_URL, PlatformSettings.TOKEN_SECRET, ACCESS_LIFETIME,
                REFRESH_LIFETIME, LOGIN_ACCOUNT_MAX_FAILURES, LOGIN_ACCOUNT_WINDOW, LOGIN_ADDRESS_MAX_FAILURES, LOGIN_ADDRESS_WINDOW,
                TRUSTED_PROXIES, PlatformSettings.BOOTSTRAP_ADMIN_EMAIL, PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD,
                CODE_LIFETIME, CODE_ATTEMPTS, CODE_SENDS, CODE_SEND_WINDOW, TaskSettings.AMQP_URL, TaskSettings.AMQP_USER,
                TaskSettings.AMQP_PASSWORD);
    }
}

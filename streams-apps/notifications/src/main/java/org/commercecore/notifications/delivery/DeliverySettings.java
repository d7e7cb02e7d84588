package org.commercecore.notifications.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Setting;

/** The delivery worker's settings: how it retries, where mail and webhooks go. */
public final class DeliverySettings {
    static final Setting<Integer> CONCURRENCY = Setting.integer("notifications.delivery.concurrency",
            "deliveries in flight at once, over every channel", 8).requiring(n -> n >= 1 && n <= 256, "must be 1 to 256");
    static final Setting<Integer> ATTEMPTS = Setting.integer("notifications.delivery.attempts",
            "attempts per notification, the first included, before it is recorded FAILED and dead-lettered", 6)
            .requiring(n -> n >= 1 && n <= 20, "must be 1 to 20");
    static final Setting<Duration> BACKOFF_INITIAL = Setting.duration("notifications.delivery.backoff.initial",
            "the longest wait before the first retry; each later one may wait twice as long (full jitter)",
            Duration.ofMillis(500)).requiring(d -> !d.isNegative(), "must not be negative");
    static final Setting<Duration> BACKOFF_MAX = Setting.duration("notifications.delivery.backoff.max",
            "no wait between attempts is longer than this", Duration.ofSeconds(30)).requiring(d -> !d.isNegative(),
            "must not be negative");
    static final Setting<URI> PUSH_WEBHOOK_URL = Setting.uri("notifications.push.webhook.url",
            "where PUSH notifications are POSTed, signed (the shop's push service); none: PUSH notifications fail"
                    + " at once and are dead-lettered", null);
    static final Setting<String> PUSH_WEBHOOK_SECRET = Setting.secret("notifications.push.webhook.secret",
            "the HMAC-SHA256 key the push webhook is signed with, at least 32 bytes; required with the URL", null)
            .requiring(s -> s.getBytes(StandardCharsets.UTF_8).length >= 32, "must be at least 32 bytes");
    static final Setting<Integer> PUSH_WEBHOOK_CONCURRENCY = Setting.integer("notifications.push.webhook.concurrency",
            "requests open to the push webhook at once", 4).requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Duration> PUSH_WEBHOOK_TIMEOUT = Setting.duration("notifications.push.webhook.timeout",
            "how long one webhook request may take, connecting included", Duration.ofSeconds(10))
            .requiring(d -> d.toMillis() >= 100, "must be at least 100 ms");
    static final Setting<Duration> REMEMBER = Setting.duration("notifications.delivery.remember",
            "how far back the worker reads notifications.deliveries.v1 when it takes over a partition, so that a"
                    + " replayed notification it already delivered is not sent again (at most the topic's 30 days)",
            Duration.ofDays(7)).requiring(d -> d.toDays() <= 30 && !d.isNegative(), "must be 0 to 30 days");
    static final Setting<String> SMTP_HOST = Setting.string("notifications.smtp.host",
            "the SMTP server mail is handed to", "127.0.0.1").requiredInProd();
    static final Setting<Integer> SMTP_PORT = Setting.port("notifications.smtp.port",
            "its port (the local stack's mail catcher by default)", 3025).requiredInProd();
    static final Setting<SmtpSecurity> SMTP_SECURITY = Setting.oneOf("notifications.smtp.security",
            "how the SMTP connection is protected: starttls (required, not opportunistic), tls (implicit, port 465),"
                    + " none (only for a server on this host)", SmtpSecurity.class, SmtpSecurity.NONE).requiredInProd();
    static final Setting<String> SMTP_USERNAME = Setting.string("notifications.smtp.username",
            "the SMTP login; none: no authentication", null);
    static final Setting<String> SMTP_PASSWORD = Setting.secret("notifications.smtp.password",
            "the SMTP login's password", null);
    static final Setting<String> MAIL_FROM = Setting.string("notifications.mail.from",
            "the From address of every notification mail", "Commerce Core <shop@commerce-core.localhost>").requiredInProd();
    static final Setting<Integer> SMTP_CONCURRENCY = Setting.integer("notifications.smtp.concurrency",
            "SMTP connections open at once", 4).requiring(n -> n >= 1, "must be at least 1");
    static final Setting<Duration> SMTP_TIMEOUT = Setting.duration("notifications.smtp.timeout",
            "connect, read and write timeout of one SMTP exchange", Duration.ofSeconds(10))
            .requiring(d -> d.toMillis() >= 100, "must be at least 100 ms");

    private DeliverySettings() {
    }

    public enum SmtpSecurity {
        NONE, STARTTLS, TLS
    }

    public record Smtp(String host, int port, SmtpSecurity security, Optional<String> username, Optional<String> password,
                       String from, int concurrency, Duration timeout) {
    }

    public record Webhook(URI url, byte[] secret, int concurrency, Duration timeout) {
    }

    public static Smtp smtp(ConfigSource source) {
        return new Smtp(source.get(SMTP_HOST), source.get(SMTP_PORT), source.get(SMTP_SECURITY), source.lookup(SMTP_USERNAME),
                source.lookup(SMTP_PASSWORD), source.get(MAIL_FROM), source.get(SMTP_CONCURRENCY), source.get(SMTP_TIMEOUT));
    }

    /** The push webhook, if one is configured; a URL without its secret is a configuration error. */
    public static Optional<Webhook> pushWebhook(ConfigSource source) {
        Optional<URI> url = source.lookup(PUSH_WEBHOOK_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String secret = source.lookup(PUSH_WEBHOOK_SECRET).orElseThrow(() -> new ConfigException(
                PUSH_WEBHOOK_SECRET.envName() + " is required with " + PUSH_WEBHOOK_URL.envName()));
        return Optional.of(new Webhook(url.get(), secret.getBytes(StandardCharsets.UTF_8), source.get(PUSH_WEBHOOK_CONCURRENCY),
                source.get(PUSH_WEBHOOK_TIMEOUT)));
    }

    public static RetryPolicy retries(ConfigSource source) {
        return new RetryPolicy(source.get(ATTEMPTS), source.get(BACKOFF_INITIAL), source.get(BACKOFF_MAX));
    }

    public static Duration remember(ConfigSource source) {
        return source.get(REMEMBER);
    }

    public static int concurrency(ConfigSource source) {
        return source.get(CONCURRENCY);
    }

    public static List<Setting<?>> all() {
        return List.of(CONCURRENCY, ATTEMPTS, BACKOFF_INITIAL, BACKOFF_MAX, REMEMBER, PUSH_WEBHOOK_URL, PUSH_WEBHOOK_SECRET,
                PUSH_WEBHOOK_CONCURRENCY, PUSH_WEBHOOK_TIMEOUT, SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USERNAME,
                SMTP_PASSWORD, MAIL_FROM, SMTP_CONCURRENCY, SMTP_TIMEOUT);
    }
}

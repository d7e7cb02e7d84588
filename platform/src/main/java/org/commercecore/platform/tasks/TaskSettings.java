package org.commercecore.platform.tasks;

import java.net.URI;
import java.util.List;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Hosts;
import org.commercecore.platform.config.Setting;

/** Where the AMQP broker for point-to-point tasks is, and how to log in to it. */
public final class TaskSettings {
    public static final Setting<URI> AMQP_URL = Setting.uri("amqp.url",
            "AMQP 0-9-1 broker carrying point-to-point tasks (one-time code mails): RabbitMQ, or the local stack's"
                    + " embedded Qpid broker; amqp://host:port (the default vhost \"/\"), amqp://host:port/vhost, or amqps:// for TLS; the login is in COMMERCE_AMQP_USER"
                    + " and COMMERCE_AMQP_PASSWORD, never in the URL", URI.create("amqp://127.0.0.1:5672"))
            .requiring(u -> ("amqp".equals(u.getScheme()) || "amqps".equals(u.getScheme())) && u.getHost() != null
                    && u.getUserInfo() == null, "must be amqp://host[:port][/vhost] or amqps://..., without a login").requiredInProd();
    public static final Setting<String> AMQP_USER = Setting.string("amqp.user", "user the services log in to the AMQP broker as",
            "commerce");
    public static final Setting<String> AMQP_PASSWORD = Setting.secret("amqp.password", "password of that AMQP user",
            "dev-only-amqp-password");

    private TaskSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(AMQP_URL, AMQP_USER, AMQP_PASSWORD);
    }

    /** The broker and login, checked: a password never crosses the network in clear text. */
    public static Broker broker(ConfigSource source) {
        Broker broker = new Broker(source.get(AMQP_URL), source.get(AMQP_USER), source.get(AMQP_PASSWORD));
        if (!broker.tls() && !broker.loopback()) {
            throw new ConfigException(AMQP_URL.envName() + " is " + broker.url() + ": a login to another host over amqp:// would"
                    + " cross the network in clear text; use amqps://");
        }
        return broker;
    }

    /** An AMQP broker and the login to it. */
    public record Broker(URI url, String user, String password) {
        public boolean tls() {
            return "amqps".equals(url.getScheme());
        }

        boolean loopback() {
            return Hosts.isLoopback(url.getHost());
        }

        /** Without the login: for logs and errors. */
        @Override
        public String toString() {
            return url.toString();
        }
    }
}

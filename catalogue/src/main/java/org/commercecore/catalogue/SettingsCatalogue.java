package org.commercecore.catalogue;

import java.util.List;
import org.commercecore.command.CommandApiSettings;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.connectors.monitor.ConnectMonitorApp;
import org.commercecore.localstack.StackSettings;
import org.commercecore.notifications.NotificationsSettings;
import org.commercecore.notifications.codes.CodeMailSettings;
import org.commercecore.notifications.delivery.DeliverySettings;
import org.commercecore.orders.OrdersSettings;
import org.commercecore.payments.PaymentsSettings;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.streams.StreamsSettings;
import org.commercecore.query.QueryApiSettings;

/**
 * Every setting of the system, grouped by the component that reads it. Each module lists what it
 * reads in its own {@code *Settings.all()}; this module is the one place that sees them all (the
 * platform cannot see the apps, and the local stack must not depend on them). A setting several
 * components read (Redis, PostgreSQL) is one declaration listed under each of them.
 */
public final class SettingsCatalogue {

    /** One component's table in docs/configuration.md. */
    public record Component(String name, String readBy, List<Setting<?>> settings) {
        public Component {
            settings = List.copyOf(settings);
        }
    }

    private SettingsCatalogue() {
    }

    public static List<Component> components() {
        return List.of(
                new Component("Every process", "ConfigSource, in every commerce-core process, before any other setting",
                        PlatformSettings.everyProcess()),
                new Component("Every service", "the service runner, in every Streams app and both APIs",
                        ServiceRunner.settings()),
                new Component("Every Kafka Streams app", "orders, inventory, payments, customers, notifications and the query API"
                        + " (inventory and customers read nothing else)", StreamsSettings.all()),
                new Component("orders", "the orders app (`streams-apps/orders`), besides every Streams app's",
                        OrdersSettings.all()),
                new Component("payments", "the payments app (`streams-apps/payments`), besides every Streams app's",
                        PaymentsSettings.all()),
                new Component("notifications", "the notifications app (`streams-apps/notifications`): its topology,"
                        + " besides every Streams app's", NotificationsSettings.all()),
                new Component("notification delivery", "the delivery worker in the notifications app: retries, SMTP,"
                        + " the push webhook", DeliverySettings.all()),
                new Component("code mails", "the one-time code mail worker in the notifications app (it mails with the"
                        + " delivery worker's SMTP settings and retries)", CodeMailSettings.all()),
                new Component("command API", "the command API (`command-api`)", CommandApiSettings.all()),
                new Component("query API", "each query API instance (`query-api`), besides every Streams app's",
                        QueryApiSettings.all()),
                new Component("connectors tool", "`connectors/connectors` (`connectors/tool`)", ConnectSettings.all()),
                new Component("connect monitor", "the Connect and replication slot exporter (`connect-monitor`, in"
                        + " `connectors/tool`), besides every service's", ConnectMonitorApp.settings()),
                new Component("local stack", "`local-stack/run` and the test harness: an address given explicitly"
                        + " means \"use that system\", none means \"start it embedded\" (the apps' defaults point at the"
                        + " embedded ports); the bootstrap admin is whom `--demo` logs in as. Outside prod the secrets"
                        + " not given (token secret, admin password, Connect login, the query API's `COMMERCE_PEER_SECRET` and"
                        + " the embedded AMQP broker's `COMMERCE_AMQP_PASSWORD`)"
                        + " are generated per run dir into its owner-only `credentials.env`, kept until `--fresh`",
                        StackSettings.all()));
    }

    /** Every setting once, in catalogue order. */
    public static List<Setting<?>> all() {
        return components().stream().flatMap(c -> c.settings().stream()).distinct().toList();
    }
}

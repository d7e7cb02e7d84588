package org.commercecore.notifications;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commercecore.notifications.codes.CodeMailSettings;
import org.commercecore.notifications.codes.CodeMailWorker;
import org.commercecore.notifications.codes.CodeMails;
import org.commercecore.notifications.compose.Messages;
import org.commercecore.notifications.compose.NotificationsTopology;
import org.commercecore.notifications.delivery.DeliveryClients;
import org.commercecore.notifications.delivery.DeliverySettings;
import org.commercecore.notifications.delivery.DeliveryMeters;
import org.commercecore.notifications.delivery.DeliveryWorker;
import org.commercecore.notifications.delivery.MailSender;
import org.commercecore.notifications.delivery.MailTemplates;
import org.commercecore.notifications.delivery.NotificationSender;
import org.commercecore.notifications.delivery.RetryPolicy;
import org.commercecore.notifications.delivery.WebhookSender;
import org.commercecore.notifications.delivery.WebhookSignature;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.http.HealthCheck;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsService;
import org.commercecore.platform.tasks.AmqpConnections;
import org.commercecore.platform.tasks.TaskQueue;
import org.commercecore.platform.tasks.TaskSettings;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.notifications.Channel;

/**
 * Runs the notification topology and, beside it, the delivery worker that sends what the topology
 * wrote, and the worker that mails one-time codes from the AMQP queue. Configuration comes from COMMERCE_* variables (docs/configuration.md).
 */
public final class NotificationsApp {
    /** The Kafka Streams application id; LocalStack.APPS launches the app under the same id. */
    public static final String APPLICATION_ID = "commerce-notifications";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);
    /** Every topic the app reads or writes (besides its internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.CUSTOMERS, Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS,
            Topics.INVENTORY_EVENTS, Topics.NOTIFICATIONS, Topics.NOTIFICATION_DELIVERIES, DeliveryWorker.DEAD_LETTERS);

    private NotificationsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        StreamsAppConfig config = StreamsAppConfig.from(source, APPLICATION_ID);
        ServiceRunner.run(APPLICATION_ID, service -> start(service, source, config));
    }

    /** Starts the topology and the worker into {@code service}; public so a test can run the app as its main would. */
    public static void start(Service service, ConfigSource source, StreamsAppConfig config) {
        Metrics metrics = new Metrics(APPLICATION_ID);
        AvroSerdes serdes = AvroSerdes.forRegistry(config.registryUrl());
        RetryPolicy retries = DeliverySettings.retries(source);
        List<NotificationSender> senders = new ArrayList<>();
        DeliverySettings.Smtp smtp = DeliverySettings.smtp(source);
        MailTemplates templates = new MailTemplates();
        MailSender mail = new MailSender(smtp, templates);
        senders.add(mail);
        Duration longestAttempt = smtp.timeout().multipliedBy(3);
        var push = DeliverySettings.pushWebhook(source);
        if (push.isPresent()) {
            DeliverySettings.Webhook webhook = push.get();
            senders.add(new WebhookSender(Channel.PUSH, webhook.url(), new WebhookSignature(webhook.secret()),
                    webhook.concurrency(), webhook.timeout(), Clock.systemUTC()));
            longestAttempt = max(longestAttempt, webhook.timeout().multipliedBy(2));
        }
        int concurrency = DeliverySettings.concurrency(source);
        // each delivery's longest: every attempt timing out, plus every wait between them; a batch runs in rounds
        // of as many as the narrowest limit lets through at once (the worker's threads, the SMTP or webhook connections)
        Duration longestDelivery = longestAttempt.multipliedBy(retries.attempts()).plus(retries.longestWaits());
        int batch = concurrency * 2;
        int narrowest = Math.min(concurrency, Math.min(smtp.concurrency(), push.map(DeliverySettings.Webhook::concurrency)
                .orElse(Integer.MAX_VALUE)));
        Duration longestBatch = longestDelivery.multipliedBy((batch + narrowest - 1) / narrowest);
        DeliveryClients clients = new DeliveryClients(config.bootstrapServers(), instanceId(config), batch, longestBatch);
        DeliveryWorker worker = new DeliveryWorker(clients, serdes, senders, retries, concurrency,
                DeliverySettings.remember(source), Clock.systemUTC(), new DeliveryMeters(metrics.registry()), service::stopBecause);
        // one-time code mails: point-to-point tasks over AMQP, not events; the same SMTP server and retries
        TaskSettings.Broker broker = TaskSettings.broker(source);
        CodeMailWorker codes = service.add(Service.Stage.PEERS, "code mails", new CodeMailWorker(
                () -> AmqpConnections.open(broker, APPLICATION_ID + " code mails"), TaskQueue.CODE_MAILS, mail,
                new CodeMails(templates), retries, CodeMailSettings.prefetch(source), Clock.systemUTC(), metrics.registry()).start());
        StreamsService.start(service, config, metrics, meters -> NotificationsTopology.build(serdes,
                        NotificationsSettings.rules(source), new Messages(), APPLICATION_ID, DEAD_LETTERS), TOPICS,
                Map.of("delivery", () -> worker.alive() ? HealthCheck.Result.up("delivering")
                        : HealthCheck.Result.down("the delivery worker stopped"),
                        "code-mails", () -> codes.alive() ? HealthCheck.Result.up("consuming " + TaskQueue.CODE_MAILS.name())
                        : HealthCheck.Result.down("not connected to the AMQP broker")));
        // stops before the Streams part: its batch under way is left uncommitted and sent again on the next start
        service.add(Service.Stage.PEERS, "notification delivery", worker.start());
    }

    private static String instanceId(StreamsAppConfig config) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + config.httpPort();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

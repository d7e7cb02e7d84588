package org.commercecore.notificationse2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.customers.CustomersApp;
import org.commercecore.customers.CustomersTopology;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.EventLog;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.notifications.delivery.DeliveryWorker;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.DeliveryOutcome;
import org.commercecore.schemas.notifications.DeliveryStatus;
import org.commercecore.schemas.notifications.Notification;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.OrderStatusChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications on the real stack. Customers and their preferences come from PostgreSQL through
 * Debezium and the customers app; order events are written straight to orders.events.v1 (the saga
 * is OrderSagaIT's business). The notifications app runs its real main() in its own JVM and is
 * killed halfway; the events are replayed; the delivery group is rewound; and through all of it
 * each event yields one notification per channel and each notification one accepted delivery.
 */
@ExtendWith(LocalStackExtension.class)
class NotificationsIT {
    private static final int ORDERS = 60;
    private static final byte[] SECRET = "notifications-it-webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Duration SETTLE = Duration.ofSeconds(180);

    private final List<OrderEvent> sent = new ArrayList<>();

    @Test
    void everyEventIsNotifiedAndDeliveredOnceThroughAKillAReplayAndARewind(StackAddresses stack) throws Exception {
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(500)); // each poll reads whole topics
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        Path state = Files.createDirectories(Path.of("target", "notifications-e2e", Long.toString(System.currentTimeMillis()))
                .toAbsolutePath());
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        StreamsRunner customers = new StreamsRunner(StreamsAppConfigs.forTest(CustomersApp.APPLICATION_ID)
                .bootstrap(stack.kafkaBootstrapServers()).registry(stack.registryUrl()).stateDir(state.resolve("customers")).build(),
                CustomersTopology.build(serdes)).start();
        EventLog log = new EventLog(stack.kafkaBootstrapServers(), serdes);
        NotificationsProcess app = null;
        try (WebhookReceiver push = new WebhookReceiver(SECRET, 5);
             Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             KafkaProducer<String, OrderEvent> orders = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()), new StringSerializer(),
                     Topics.ORDER_EVENTS.valueSerde(serdes).serializer())) {
            String ada = user(db, "ada", "<b>Ada</b> & Co", "{\"channels\": [\"EMAIL\"], \"opt_outs\": []}");
            String bob = user(db, "bob", "Bob", "{\"channels\": [\"EMAIL\", \"PUSH\"], \"opt_outs\": []}");
            String cyd = user(db, "cyd", "Cyd", "{\"channels\": [\"PUSH\"], \"opt_outs\": [\"ORDER_PLACED\"]}");
            await("the three customers on customers.v1").atMost(Duration.ofSeconds(120)).until(() ->
                    log.readAll(Topics.CUSTOMERS).stream().map(ConsumerRecord::key).collect(Collectors.toSet())
                            .containsAll(List.of(ada, bob, cyd)));

            app = new NotificationsProcess(stack, state.resolve("notifications"), Map.of(
                    "COMMERCE_NOTIFICATIONS_SMTP_HOST", "127.0.0.1",
                    "COMMERCE_NOTIFICATIONS_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
                    "COMMERCE_NOTIFICATIONS_PUSH_WEBHOOK_URL", push.url().toString(),
                    "COMMERCE_NOTIFICATIONS_PUSH_WEBHOOK_SECRET", new String(SECRET, StandardCharsets.UTF_8),
                    "COMMERCE_NOTIFICATIONS_DELIVERY_BACKOFF_INITIAL", "50ms",
                    "COMMERCE_NOTIFICATIONS_DELIVERY_BACKOFF_MAX", "500ms"));
            app.start();
            List<String> customerIds = List.of(ada, bob, cyd);
            for (int i = 0; i < ORDERS; i++) {
                String order = "order-" + i + "-" + UUID.randomUUID();
                String customer = customerIds.get(i % 3);
                send(orders, placed(order, customer));
                send(orders, status(order, customer, OrderStatus.PLACED, OrderStatus.CONFIRMED));
                send(orders, status(order, customer, OrderStatus.CONFIRMED, OrderStatus.SHIPPED));
                if (i == ORDERS / 2) {
                    orders.flush();
                    await().atMost(Duration.ofSeconds(60)).until(() -> !log.readAll(Topics.NOTIFICATIONS).isEmpty());
                    app.kill(); // mid-stream: transactions open, deliveries in flight
                    app.start();
                }
            }
            orders.flush();
            // ada: 3 mails per order; bob: 3 mails and 3 pushes; cyd: 2 pushes (no ORDER_PLACED)
            int perRound = ORDERS / 3;
            int expectedMail = perRound * 3 * 2;
            int expectedPush = perRound * 3 + perRound * 2;
            await("every notification written").atMost(SETTLE).until(() -> log.readAll(Topics.NOTIFICATIONS).size()
                    >= expectedMail + expectedPush);
            List<Notification> notifications = values(log.readAll(Topics.NOTIFICATIONS));
            assertExactlyOnePerEventAndChannel(notifications, expectedMail, expectedPush);
            assertThat(notifications).filteredOn(n -> n.getCustomerId().equals(cyd))
                    .noneMatch(n -> n.getKind().name().equals("ORDER_PLACED"));

            await("every notification delivered").atMost(SETTLE).until(() ->
                    delivered(log).size() == expectedMail + expectedPush);
            Set<String> pushIds = idsOf(notifications, Channel.PUSH);
            Set<String> mailIds = idsOf(notifications, Channel.EMAIL);
            await("the receivers have every delivery").atMost(Duration.ofSeconds(30)).until(() ->
                    push.accepted().equals(pushIds) && mailDeliveryIds(mail).containsAll(mailIds));
            assertThat(push.unverified()).as("requests whose signature did not verify").isZero();
            assertThat(push.failedOnPurpose()).as("first attempts refused with 503, then retried").isPositive();
            List<String> mailOnTheWire = mailDeliveryIdList(mail);
            System.out.printf("notifications-e2e: %d notifications; push: %d requests, %d refused on purpose (retried),"
                            + " %d duplicates on the wire; mail: %d received, %d duplicates on the wire (a batch in flight"
                            + " when the app was killed is sent again)%n",
                    notifications.size(), push.requests(), push.failedOnPurpose(), push.duplicates(), mailOnTheWire.size(),
                    mailOnTheWire.size() - new HashSet<>(mailOnTheWire).size());
            assertThat(outcomesById(log).values()).as("one committed outcome per notification").allMatch(n -> n == 1);
            assertHtmlEscaped(mail, notifications, ada);

            // a replay: the same source events published again change nothing
            int before = notifications.size();
            for (OrderEvent event : sent.subList(0, 30)) {
                orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), event.getOrderId(), event));
            }
            // a marker on every partition after the replay: once each is notified, every replayed event was processed
            Set<String> markers = markEveryPartition(orders, ada);
            await("the markers after the replay").atMost(SETTLE).until(() -> values(log.readAll(Topics.NOTIFICATIONS)).stream()
                    .map(Notification::getCorrelationId).collect(Collectors.toSet()).containsAll(markers));
            assertThat(log.readAll(Topics.NOTIFICATIONS)).as("only the markers' notifications are new")
                    .hasSize(before + markers.size());

            // a rewind: the delivery group read from the start again sends nothing twice
            await("the markers delivered").atMost(SETTLE).until(() -> delivered(log).size() == before + markers.size());
            app.stop();
            int requestsBefore = push.requests();
            int mailBefore = mail.getReceivedMessages().length;
            Map<TopicPartition, Long> reached = rewindDeliveryGroup(stack);
            app.start();
            await("the delivery group back where it was").atMost(SETTLE).until(() -> committed(stack).entrySet().stream()
                    .allMatch(e -> e.getValue() >= reached.getOrDefault(e.getKey(), 0L)));
            assertThat(mail.getReceivedMessages().length).as("mails after the rewind").isEqualTo(mailBefore);
            assertThat(push.requests()).as("push requests after the rewind").isEqualTo(requestsBefore);

            // an opt-out through the profile: honoured from the next event on
            try (PreparedStatement update = db.prepareStatement("UPDATE users SET display_name = 'Ada v2',"
                    + " notification_preferences = '{\"channels\": [\"EMAIL\"], \"opt_outs\": [\"ORDER_SHIPPED\"]}', updated_at = now()"
                    + " WHERE id = ?::uuid")) {
                update.setString(1, ada);
                update.executeUpdate();
            }
            await("the changed profile on customers.v1").atMost(SETTLE).until(() -> log.readAll(Topics.CUSTOMERS).stream()
                    .filter(r -> ada.equals(r.key()) && r.value() != null).map(ConsumerRecord::value).reduce((a, b) -> b)
                    .map(c -> "Ada v2".equals(c.getDisplayName()) && c.getNotificationOptOuts().contains("ORDER_SHIPPED"))
                    .orElse(false));
            // a probe order at a time: its mail says "Ada v2" once the app holds the changed profile, opt-out and all
            await("the changed profile in use").atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                send(orders, placed("probe-" + UUID.randomUUID(), ada));
                orders.flush();
                return values(log.readAll(Topics.NOTIFICATIONS)).stream()
                        .anyMatch(n -> n.getCorrelationId() != null && n.getCorrelationId().startsWith("probe-")
                                && n.getBody().contains("Ada v2"));
            });
            String lastProbe = values(log.readAll(Topics.NOTIFICATIONS)).stream()
                    .filter(n -> n.getCorrelationId() != null && n.getCorrelationId().startsWith("probe-") && n.getBody().contains("Ada v2"))
                    .map(Notification::getCorrelationId).findFirst().orElseThrow();
            send(orders, status(lastProbe, ada, OrderStatus.PLACED, OrderStatus.CONFIRMED));
            send(orders, status(lastProbe, ada, OrderStatus.CONFIRMED, OrderStatus.SHIPPED));
            // behind them on the probe's partition (same key): once it is notified, the shipment was processed
            String after = "after-" + UUID.randomUUID();
            OrderEvent afterPlaced = placed(after, ada);
            orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), lastProbe, afterPlaced));
            orders.flush();
            await("the event after the shipment").atMost(SETTLE).until(() -> values(log.readAll(Topics.NOTIFICATIONS)).stream()
                    .anyMatch(n -> after.equals(n.getCorrelationId())));
            assertThat(values(log.readAll(Topics.NOTIFICATIONS))).filteredOn(n -> lastProbe.equals(n.getCorrelationId()))
                    .extracting(n -> n.getKind().name()).containsExactlyInAnyOrder("ORDER_PLACED", "ORDER_CONFIRMED");
            assertThat(log.readAll(DeliveryWorker.DEAD_LETTERS)).as("nothing dead-lettered").isEmpty();
            app.stop();
        } finally {
            if (app != null) {
                app.kill(); // a failed assertion must not leave the app's JVM running
            }
            customers.close();
            mail.stop();
        }
    }

    private static void assertExactlyOnePerEventAndChannel(List<Notification> notifications, int mail, int push) {
        Map<String, Long> perEventAndChannel = notifications.stream().collect(Collectors.groupingBy(
                n -> n.getSourceEventId() + "/" + n.getChannel(), Collectors.counting()));
        assertThat(perEventAndChannel.values()).as("notifications per source event and channel").allMatch(n -> n == 1);
        assertThat(notifications).extracting(Notification::getNotificationId).doesNotHaveDuplicates();
        assertThat(notifications.stream().filter(n -> n.getChannel() == Channel.EMAIL).count()).isEqualTo(mail);
        assertThat(notifications.stream().filter(n -> n.getChannel() == Channel.PUSH).count()).isEqualTo(push);
    }

    private static void assertHtmlEscaped(GreenMail mail, List<Notification> notifications, String ada) throws Exception {
        MimeMessage toAda = mail.getReceivedMessagesForDomain(notifications.stream().filter(n -> n.getCustomerId().equals(ada))
                .findFirst().orElseThrow().getRecipient())[0];
        Multipart parts = (Multipart) toAda.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hello <b>Ada</b> & Co,");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("Hello &lt;b&gt;Ada&lt;/b&gt; &amp; Co,")
                .doesNotContain("<b>Ada</b>");
    }

    private static Map<String, Integer> outcomesById(EventLog log) {
        Map<String, Integer> counts = new HashMap<>();
        for (DeliveryOutcome o : values(log.readAll(Topics.NOTIFICATION_DELIVERIES))) {
            counts.merge(o.getNotificationId(), 1, Integer::sum);
        }
        return counts;
    }

    private static Set<String> delivered(EventLog log) {
        return values(log.readAll(Topics.NOTIFICATION_DELIVERIES)).stream().filter(o -> o.getStatus() == DeliveryStatus.DELIVERED)
                .map(DeliveryOutcome::getNotificationId).collect(Collectors.toSet());
    }

    private static Set<String> idsOf(List<Notification> notifications, Channel channel) {
        return notifications.stream().filter(n -> n.getChannel() == channel).map(Notification::getNotificationId)
                .collect(Collectors.toSet());
    }

    private static Set<String> mailDeliveryIds(GreenMail mail) throws Exception {
        return new HashSet<>(mailDeliveryIdList(mail));
    }

    private static List<String> mailDeliveryIdList(GreenMail mail) throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            ids.add(m.getHeader("X-Commerce-Delivery-Id")[0]);
        }
        return ids;
    }

    private Set<String> markEveryPartition(KafkaProducer<String, OrderEvent> orders, String customer) {
        Set<String> markers = new HashSet<>();
        int partitions = orders.partitionsFor(Topics.ORDER_EVENTS.name()).size();
        for (int p = 0; p < partitions; p++) {
            String marker = "marker-" + p + "-" + UUID.randomUUID();
            markers.add(marker);
            orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), p, marker, placed(marker, customer)));
        }
        orders.flush();
        return markers;
    }

    private static Map<TopicPartition, Long> committed(StackAddresses stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(DeliveryWorker.GROUP_ID).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> offsets.put(tp, o == null ? 0L : o.offset()));
            return offsets;
        }
    }

    /** Sets the delivery group back to the start of notifications.v1; returns where it had got to. */
    private static Map<TopicPartition, Long> rewindDeliveryGroup(StackAddresses stack) throws Exception {
        Map<TopicPartition, Long> reached = committed(stack);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.NOTIFICATIONS.name())).allTopicNames().get()
                    .get(Topics.NOTIFICATIONS.name()).partitions().size();
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                start.put(new TopicPartition(Topics.NOTIFICATIONS.name(), p), new OffsetAndMetadata(0));
            }
            // a static member stays in the group after a clean stop until its session expires: wait until it may be rewound
            await("the delivery group empty").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> {
                        admin.alterConsumerGroupOffsets(DeliveryWorker.GROUP_ID, start).all().get();
                        return true;
                    });
        }
        return reached;
    }

    private static <V> List<V> values(List<? extends ConsumerRecord<?, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private void send(KafkaProducer<String, OrderEvent> producer, OrderEvent event) {
        sent.add(event);
        producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), event.getOrderId(), event));
    }

    private static String user(Connection db, String name, String displayName, String preferences) throws Exception {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO users (id, email, display_name, role, password_hash,"
                + " notification_preferences) VALUES (?::uuid, ?, ?, 'CUSTOMER', 'not-a-real-hash', ?::jsonb)")) {
            insert.setString(1, id);
            insert.setString(2, name + "-" + id.substring(0, 8) + "@example.org");
            insert.setString(3, displayName);
            insert.setString(4, preferences);
            insert.executeUpdate();
        }
        return id;
    }

    private static OrderEvent placed(String orderId, String customerId) {
        return event(orderId, customerId, OrderPlaced.newBuilder().setCustomerId(customerId).setTotalMinor(2490).setCurrency("EUR")
                .setPlacedAt(Instant.now()).setLines(List.of(OrderLine.newBuilder().setLineNo(1).setSku("KETTLE-1").setQuantity(1)
                        .setUnitPriceMinor(2490).build())).build());
    }

    private static OrderEvent status(String orderId, String customerId, OrderStatus from, OrderStatus to) {
        return event(orderId, customerId, OrderStatusChanged.newBuilder().setFromStatus(from).setToStatus(to).setReasonCode(null)
                .setReason(null).build());
    }

    private static OrderEvent event(String orderId, String customerId, Object payload) {
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setOrderId(orderId)
                .setCorrelationId(orderId).setCustomerId(customerId).setPayload(payload).build();
    }
}

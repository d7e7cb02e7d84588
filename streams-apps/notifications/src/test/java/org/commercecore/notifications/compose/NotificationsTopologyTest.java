package org.commercecore.notifications.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.commercecore.notifications.NotificationsApp;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.commercecore.schemas.customers.NotificationChannel;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.inventory.InventoryEvent;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;
import org.commercecore.schemas.notifications.NotificationKind;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderStatus;
import org.commercecore.schemas.orders.RejectionReason;
import org.commercecore.schemas.payments.PaymentEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives NotificationsTopology.build with the events the other apps write. */
class NotificationsTopologyTest {
    private static final String ADA = "c-ada";
    private static final String ORDER = "o-1";
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(10);

    @TempDir
    Path state;
    private TopologyTests topology;
    private TestInputTopic<String, Customer> customers;
    private TestInputTopic<String, OrderEvent> orders;
    private TestInputTopic<String, PaymentEvent> payments;
    private TestInputTopic<String, InventoryEvent> stock;
    private TestOutputTopic<String, Notification> notifications;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(NotificationsApp.APPLICATION_ID, state, serdes -> NotificationsTopology.build(serdes,
                new NoticeRules(WINDOW, Duration.ofSeconds(1), LONGEST_HOLD), new Messages(), NotificationsApp.APPLICATION_ID,
                NotificationsApp.DEAD_LETTERS));
        customers = topology.input(Topics.CUSTOMERS);
        orders = topology.input(Topics.ORDER_EVENTS);
        payments = topology.input(Topics.PAYMENT_EVENTS);
        stock = topology.input(Topics.INVENTORY_EVENTS);
        notifications = topology.output(Topics.NOTIFICATIONS);
        deadLetters = topology.output(NotificationsApp.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void everyOrderEventACustomerCaresAboutIsOneEmail() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.PLACED, OrderStatus.CONFIRMED, null, null), Events.AT);
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, null, null), Events.AT);
        orders.pipeInput("o-2", Events.placed("o-2", ADA, 1000, "JPY"), Events.AT);
        orders.pipeInput("o-2", Events.status("o-2", ADA, OrderStatus.PLACED, OrderStatus.REJECTED,
                RejectionReason.OUT_OF_STOCK, "KETTLE-1: 1 requested, 0 available"), Events.AT);
        orders.pipeInput("o-3", Events.placed("o-3", ADA, 500, "EUR"), Events.AT);
        orders.pipeInput("o-3", Events.status("o-3", ADA, OrderStatus.CONFIRMED, OrderStatus.CANCELLED, null, "changed my mind"),
                Events.AT);
        payments.pipeInput("o-3", Events.refunded("o-3", 500, "EUR"), Events.AT);

        List<Notification> sent = notifications.readValuesToList();
        assertThat(sent).extracting(Notification::getKind, Notification::getCorrelationId).containsExactly(
                tuple(NotificationKind.ORDER_PLACED, ORDER), tuple(NotificationKind.ORDER_CONFIRMED, ORDER),
                tuple(NotificationKind.ORDER_SHIPPED, ORDER), tuple(NotificationKind.ORDER_PLACED, "o-2"),
                tuple(NotificationKind.ORDER_REJECTED, "o-2"), tuple(NotificationKind.ORDER_PLACED, "o-3"),
                tuple(NotificationKind.ORDER_CANCELLED, "o-3"), tuple(NotificationKind.ORDER_REFUNDED, "o-3"));
        assertThat(sent).allSatisfy(n -> {
            assertThat(n.getChannel()).isEqualTo(Channel.EMAIL);
            assertThat(n.getRecipient()).isEqualTo("ada@example.org");
            assertThat(n.getCustomerId()).isEqualTo(ADA);
            assertThat(n.getBody()).startsWith("Hello Ada <3,").doesNotContain("&lt;");
        });
        assertThat(sent.get(0).getSubject()).isEqualTo("We received your order o-1");
        assertThat(sent.get(0).getBody()).contains("(1 item line, 24.90 EUR)");
        assertThat(sent.get(3).getBody()).contains("1000 JPY");
        assertThat(sent.get(4).getBody()).contains("Reason: KETTLE-1: 1 requested, 0 available");
        assertThat(sent.get(4).getDetails()).containsEntry("reason_code", "OUT_OF_STOCK");
        assertThat(sent.get(6).getBody()).contains("is cancelled (changed my mind)");
        assertThat(sent.get(7).getBody()).contains("we have refunded 5.00 EUR for your order o-3");
        assertThat(sent).extracting(Notification::getNotificationId).doesNotHaveDuplicates();
    }

    @Test
    void aTimedOutOrderIsExplainedWithoutTheSagasInnerDetail() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.PLACED, OrderStatus.REJECTED, RejectionReason.TIMEOUT,
                "no reply within 30s: payment, stock line 2"), Events.AT);

        Notification rejected = notifications.readValuesToList().get(1);
        assertThat(rejected.getKind()).isEqualTo(NotificationKind.ORDER_REJECTED);
        assertThat(rejected.getBody()).contains("Reason: we could not confirm it in time\n").doesNotContain("no reply");
        assertThat(rejected.getDetails()).containsEntry("reason_code", "TIMEOUT")
                .containsEntry("reason", "no reply within 30s: payment, stock line 2");
    }

    @Test
    void eachChosenChannelGetsItsOwnNotificationAndNoChannelMeansNone() {
        ada(List.of(NotificationChannel.EMAIL, NotificationChannel.PUSH), List.of());
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        ada(List.of(), List.of());
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.PLACED, OrderStatus.CONFIRMED, null, null), Events.AT);

        assertThat(notifications.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.getChannel(),
                kv -> kv.value.getRecipient()).containsExactly(tuple(ADA, Channel.EMAIL, "ada@example.org"),
                tuple(ADA, Channel.PUSH, ADA));
    }

    @Test
    void anOptOutIsHonouredFromTheNextEventOn() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        ada(List.of(NotificationChannel.EMAIL), List.of("ORDER_PLACED", "ORDER_CONFIRMED"));
        orders.pipeInput("o-2", Events.placed("o-2", ADA, 100, "EUR"), Events.AT);
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.PLACED, OrderStatus.CONFIRMED, null, null), Events.AT);
        orders.pipeInput(ORDER, Events.status(ORDER, ADA, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, null, null), Events.AT);

        assertThat(notifications.readValuesToList()).extracting(Notification::getKind, Notification::getCorrelationId)
                .containsExactly(tuple(NotificationKind.ORDER_PLACED, ORDER), tuple(NotificationKind.ORDER_SHIPPED, ORDER));
    }

    @Test
    void theSameSourceEventTwiceIsNotifiedOnceWithTheSameNotificationId() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        OrderEvent placed = Events.placed(ORDER, ADA, 2490, "EUR");
        orders.pipeInput(ORDER, placed, Events.AT);
        orders.pipeInput(ORDER, placed, Events.AT.plusSeconds(30)); // a producer that published it again

        List<Notification> sent = notifications.readValuesToList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getNotificationId()).as("derived from the source event, so a rebuild agrees")
                .isEqualTo(notificationIdOf(placed));
    }

    @Test
    void anEventThatHappenedLongerAgoThanTheWindowIsNotNotifiedEvenPublishedNow() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        java.time.Instant old = Events.AT.minus(WINDOW).minusSeconds(1);
        orders.pipeInput("o-old", Events.happenedAt(Events.placed("o-old", ADA, 100, "EUR"), old), old);
        orders.pipeInput("o-republished", Events.happenedAt(Events.placed("o-republished", ADA, 100, "EUR"), old), Events.AT);
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);

        assertThat(notifications.readValuesToList()).extracting(Notification::getCorrelationId).containsExactly(ORDER);
    }

    @Test
    void theSameRefundTwiceIsNotifiedOnceAndNotADeadLetter() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        PaymentEvent refund = Events.refunded(ORDER, 2490, "EUR");
        payments.pipeInput(ORDER, refund, Events.AT);
        payments.pipeInput(ORDER, refund, Events.AT);

        assertThat(notifications.readValuesToList()).extracting(Notification::getKind)
                .containsExactly(NotificationKind.ORDER_PLACED, NotificationKind.ORDER_REFUNDED);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aNoticeForACustomerNotKnownYetWaitsForThem() {
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        topology.driver().advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(notifications.isEmpty()).isTrue();

        ada(List.of(NotificationChannel.EMAIL), List.of());
        topology.driver().advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(notifications.readValuesToList()).extracting(Notification::getKind, Notification::getRecipient)
                .containsExactly(tuple(NotificationKind.ORDER_PLACED, "ada@example.org"));
        topology.driver().advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(notifications.isEmpty()).as("released once").isTrue();
    }

    @Test
    void aCustomerThatNeverAppearsIsDeadLetteredAfterTheLongestHold() {
        orders.pipeInput(ORDER, Events.placed(ORDER, "c-ghost", 2490, "EUR"), Events.AT);
        topology.driver().advanceWallClockTime(LONGEST_HOLD.plusSeconds(2));

        assertThat(notifications.isEmpty()).isTrue();
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getErrorMessage()).startsWith("customer c-ghost of ORDER_PLACED").endsWith("not notified");
        assertThat(letter.getOriginalTopic()).isEqualTo(Topics.ORDER_EVENTS.name());
        assertThat(letter.getOriginalOffset()).isZero();
        topology.driver().advanceWallClockTime(LONGEST_HOLD.plusSeconds(2));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aDeletedCustomerGetsNothingAndTheirHeldNoticesAreDropped() {
        orders.pipeInput("o-held", Events.placed("o-held", ADA, 100, "EUR"), Events.AT);
        ada(List.of(NotificationChannel.EMAIL), List.of());
        customers.pipeInput(ADA, null, Events.AT);
        topology.driver().advanceWallClockTime(Duration.ofSeconds(2));
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);
        topology.driver().advanceWallClockTime(LONGEST_HOLD.plusSeconds(2));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void lowStockGoesToEveryAdminOnTheirChannelsAndNotToCustomers() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        customers.pipeInput("a-1", Events.customer("a-1", "ops@example.org", null, CustomerRole.ADMIN,
                List.of(NotificationChannel.EMAIL), List.of()), Events.AT);
        customers.pipeInput("a-2", Events.customer("a-2", "boss@example.org", "Boss", CustomerRole.ADMIN,
                List.of(NotificationChannel.PUSH), List.of()), Events.AT);
        customers.pipeInput("a-3", Events.customer("a-3", "quiet@example.org", "Quiet", CustomerRole.ADMIN,
                List.of(NotificationChannel.EMAIL), List.of("LOW_STOCK")), Events.AT);
        stock.pipeInput("KETTLE-1", Events.lowStock("KETTLE-1", 2, 5), Events.AT);
        customers.pipeInput("a-2", Events.customer("a-2", "boss@example.org", "Boss", CustomerRole.CUSTOMER,
                List.of(NotificationChannel.PUSH), List.of()), Events.AT);
        stock.pipeInput("KETTLE-1", Events.lowStock("KETTLE-1", 1, 5), Events.AT);

        List<KeyValue<String, Notification>> sent = notifications.readKeyValuesToList();
        assertThat(sent).extracting(kv -> kv.key, kv -> kv.value.getChannel()).containsExactly(
                tuple("a-1", Channel.EMAIL), tuple("a-2", Channel.PUSH), tuple("a-1", Channel.EMAIL));
        assertThat(sent.get(0).value.getSubject()).isEqualTo("Low stock: KETTLE-1 has 2 left");
        assertThat(sent.get(0).value.getBody()).startsWith("Hello customer,");
        assertThat(sent.get(0).value.getCorrelationId()).isNull();
    }

    @Test
    void aRefundForAnOrderNeverSeenIsADeadLetterNotACrash() {
        ada(List.of(NotificationChannel.EMAIL), List.of());
        payments.pipeInput("o-unknown", Events.refunded("o-unknown", 500, "EUR"), Events.AT);
        orders.pipeInput(ORDER, Events.placed(ORDER, ADA, 2490, "EUR"), Events.AT);

        assertThat(deadLetters.readValue().getErrorMessage()).contains("refunds order o-unknown, which this app never saw placed");
        assertThat(notifications.readValuesToList()).extracting(Notification::getKind).containsExactly(NotificationKind.ORDER_PLACED);
    }

    @Test
    void theTopologyIsOneHopAndReadsOnlyTopicsTheAppProvisions() {
        assertThat(TopologyTests.externalTopics(topologyUnderTest())).isSubsetOf(
                java.util.stream.Stream.concat(NotificationsApp.TOPICS.stream().map(Topic::name),
                        java.util.stream.Stream.of(NotificationsApp.DEAD_LETTERS.name())).toList());
        assertThat(topologyUnderTest().describe().subtopologies()).hasSize(1);
        assertThat(topologyUnderTest().describe().subtopologies().iterator().next().nodes())
                .noneMatch(node -> node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition"));
    }

    private org.apache.kafka.streams.Topology topologyUnderTest() {
        return NotificationsTopology.build(org.commercecore.platform.serde.AvroSerdes.forRegistry(topology.registry()),
                new NoticeRules(WINDOW, Duration.ofSeconds(1), LONGEST_HOLD), new Messages(), NotificationsApp.APPLICATION_ID,
                NotificationsApp.DEAD_LETTERS);
    }

    private String notificationIdOf(OrderEvent placed) {
        try (TopologyTests again = TopologyTests.start(NotificationsApp.APPLICATION_ID, state.resolve("again-" + System.nanoTime()),
                serdes -> NotificationsTopology.build(serdes, new NoticeRules(WINDOW, Duration.ofSeconds(1), LONGEST_HOLD),
                        new Messages(), NotificationsApp.APPLICATION_ID, NotificationsApp.DEAD_LETTERS))) {
            again.input(Topics.CUSTOMERS).pipeInput(ADA, Events.customer(ADA, "ada@example.org", "Ada <3", CustomerRole.CUSTOMER,
                    List.of(NotificationChannel.EMAIL), List.of()), Events.AT);
            again.input(Topics.ORDER_EVENTS).pipeInput(ORDER, placed, Events.AT);
            return again.output(Topics.NOTIFICATIONS).readValue().getNotificationId();
        }
    }

    private void ada(List<NotificationChannel> channels, List<String> optOuts) {
        customers.pipeInput(ADA, Events.customer(ADA, "ada@example.org", "Ada <3", CustomerRole.CUSTOMER, channels, optOuts),
                Events.AT);
    }
}

package org.commercecore.notifications.compose;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/**
 * The notification topology.
 * <pre>
 * customers.v1 ---------------------------------> [recipients] (global: customer/&lt;id&gt;, admin/&lt;id&gt;)
 * orders.events.v1 (by order) ---order-notices---+   [order-facts]
 * payments.events.v1 (by order) -payment-notices-+-> notify --> notifications.v1 (by customer)
 * inventory.events.v1 (by SKU) ---stock-notices--+   [notified-events] [pending-notices]
 *                                                      \--> dead letters (a customer that never appeared)
 * </pre>
 * One exactly-once hop: no repartition, because the recipients are a global store. Built with the
 * Processor API because the notify step writes to two sinks of different types.
 */
public final class NotificationsTopology {
    private NotificationsTopology() {
    }

    public static Topology build(AvroSerdes serdes, NoticeRules rules, Messages messages, String applicationId,
                                 Topic<byte[], DeadLetter> deadLetters) {
        Topology topology = new Topology();
        Serde<String> customerKey = Topics.CUSTOMERS.keySerde(serdes);
        topology.addGlobalStore(NotificationStores.recipients(), "customers-source", customerKey.deserializer(),
                Topics.CUSTOMERS.valueSerde(serdes).deserializer(), Topics.CUSTOMERS.name(), "recipients-updater",
                RecipientsUpdater::new);

        source(topology, "order-events", Topics.ORDER_EVENTS, serdes);
        source(topology, "payment-events", Topics.PAYMENT_EVENTS, serdes);
        source(topology, "inventory-events", Topics.INVENTORY_EVENTS, serdes);
        topology.addProcessor("order-notices", OrderNotices::new, "order-events");
        topology.addProcessor("payment-notices", () -> new PaymentNotices(rules.window()), "payment-events");
        topology.addProcessor("stock-notices", StockNotices::new, "inventory-events");
        topology.addStateStore(NotificationStores.orderFacts(), "order-notices", "payment-notices");

        topology.addProcessor("notify", () -> new NoticeProcessor(rules, messages, applicationId),
                "order-notices", "payment-notices", "stock-notices");
        topology.addStateStore(NotificationStores.notified(rules.window()), "notify", "payment-notices");
        topology.addStateStore(NotificationStores.pending(), "notify");
        topology.addSink(NoticeProcessor.NOTIFICATIONS_SINK, Topics.NOTIFICATIONS.name(),
                Topics.NOTIFICATIONS.keySerde(serdes).serializer(), Topics.NOTIFICATIONS.valueSerde(serdes).serializer(), "notify");
        topology.addSink(NoticeProcessor.DEAD_LETTER_SINK, deadLetters.name(), deadLetters.keySerde(serdes).serializer(),
                deadLetters.valueSerde(serdes).serializer(), "notify");
        return topology;
    }

    private static <K, V> void source(Topology topology, String name, Topic<K, V> topic, AvroSerdes serdes) {
        topology.addSource(name, topic.keySerde(serdes).deserializer(), topic.valueSerde(serdes).deserializer(), topic.name());
    }
}

package org.commercecore.notifications.compose;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.notifications.internal.Recipient;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.commercecore.schemas.customers.NotificationChannel;

/**
 * Keeps the global recipients store from customers.v1. Global, because admins are found by a scan
 * (a low-stock alert goes to all of them) and an order's partition is not its customer's: a
 * repartition would cost an exactly-once hop per notice. Kafka Streams restores the store by
 * running this same processor over the topic, so a restored store holds the same entries.
 */
final class RecipientsUpdater implements Processor<String, Customer, Void, Void> {
    private KeyValueStore<String, Recipient> recipients;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        recipients = context.getStateStore(NotificationStores.RECIPIENTS);
    }

    @Override
    public void process(Record<String, Customer> record) {
        String id = record.key();
        if (id == null) {
            return;
        }
        Customer customer = record.value();
        if (customer == null) {
            recipients.put(Recipients.customerKey(id), Recipient.newBuilder().setCustomerId(id).setDeleted(true).build());
            recipients.delete(Recipients.adminKey(id));
            return;
        }
        Recipient recipient = Recipient.newBuilder()
                .setCustomerId(id)
                .setEmail(customer.getEmail())
                .setDisplayName(customer.getDisplayName())
                .setAdmin(customer.getRole() == CustomerRole.ADMIN)
                .setChannels(channels(customer.getNotificationChannels()))
                .setOptOuts(customer.getNotificationOptOuts())
                .build();
        recipients.put(Recipients.customerKey(id), recipient);
        if (recipient.getAdmin()) {
            recipients.put(Recipients.adminKey(id), recipient);
        } else {
            recipients.delete(Recipients.adminKey(id));
        }
    }

    private static List<String> channels(List<NotificationChannel> chosen) {
        // UNKNOWN is a channel added after this build: nothing here could deliver it
        return chosen.stream().filter(c -> c != NotificationChannel.UNKNOWN).map(Enum::name).toList();
    }

    @Override
    public void close() {
    }
}

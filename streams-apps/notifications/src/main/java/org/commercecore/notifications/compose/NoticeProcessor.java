package org.commercecore.notifications.compose;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.commercecore.notifications.internal.PendingNotice;
import org.commercecore.notifications.internal.Recipient;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;
import org.commercecore.schemas.notifications.NotificationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses each notice: once per source event (deduplicated by its id for the window), to the
 * customer's chosen channels unless they opted out of the kind, or to every admin. A notice for a
 * customer not known yet is held and tried again; a deleted customer gets nothing.
 *
 * <p>The window bounds both the memory of what was notified and what is notified at all: an event
 * that happened (its own {@code occurred_at}) longer than the window ago by the wall clock is stale
 * and not notified, so a replay of the topics from their start, a reprocessing under a new
 * application id or an old event published again tells no one about last month's orders.
 */
final class NoticeProcessor implements Processor<String, Notice, Object, Object> {
    static final String NOTIFICATIONS_SINK = "notifications-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";
    private static final Logger LOG = LoggerFactory.getLogger(NoticeProcessor.class);

    private final NoticeRules rules;
    private final Messages messages;
    private final String applicationId;
    private ProcessorContext<Object, Object> context;
    private Recipients recipients;
    private WindowStore<String, Long> notified;
    private KeyValueStore<String, PendingNotice> pending;

    NoticeProcessor(NoticeRules rules, Messages messages, String applicationId) {
        this.rules = rules;
        this.messages = messages;
        this.applicationId = applicationId;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.recipients = new Recipients(context.getStateStore(NotificationStores.RECIPIENTS));
        this.notified = context.getStateStore(NotificationStores.NOTIFIED);
        this.pending = context.getStateStore(NotificationStores.PENDING);
        context.schedule(rules.retryInterval(), PunctuationType.WALL_CLOCK_TIME, now -> retryPending(now));
    }

    @Override
    public void process(Record<String, Notice> record) {
        Notice notice = record.value();
        long at = record.timestamp();
        if (notice.occurredAt() < context.currentSystemTimeMs() - rules.window().toMillis()) {
            LOG.debug("not notifying {} of {}: older than the {} window", notice.kind(), notice.sourceEventId(), rules.window());
            return;
        }
        if (notifiedBefore(notified, notice.sourceEventId(), at, rules.window())) {
            LOG.debug("source event {} was notified before: dropping the duplicate", notice.sourceEventId());
            return;
        }
        if (notice.forAdmins()) {
            recipients.admins().forEach(admin -> address(notice, admin, at));
        } else {
            recipients.customer(notice.customerId()).ifPresentOrElse(customer -> address(notice, customer, at),
                    () -> hold(notice, at));
        }
        notified.put(notice.sourceEventId(), at, at);
    }

    /** Whether the source event was notified within {@code window} of {@code at} (record timestamps). */
    static boolean notifiedBefore(WindowStore<String, Long> notified, String sourceEventId, long at, Duration window) {
        long span = window.toMillis();
        try (WindowStoreIterator<Long> seen = notified.fetch(sourceEventId, Instant.ofEpochMilli(Math.max(0, at - span)),
                Instant.ofEpochMilli(at + span))) {
            return seen.hasNext();
        }
    }

    private void hold(Notice notice, long at) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        pending.put(notice.sourceEventId(), PendingNotice.newBuilder()
                .setKind(notice.kind().name())
                .setSourceEventId(notice.sourceEventId())
                .setCorrelationId(notice.correlationId())
                .setCustomerId(notice.customerId())
                .setOccurredAt(at)
                .setDetails(notice.details())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setHeldSince(context.currentSystemTimeMs())
                .build());
        LOG.info("holding {} for customer {}: not known yet", notice.kind(), notice.customerId());
    }

    private void retryPending(long now) {
        List<KeyValue<String, PendingNotice>> held = new ArrayList<>();
        try (KeyValueIterator<String, PendingNotice> all = pending.all()) {
            all.forEachRemaining(held::add);
        }
        for (KeyValue<String, PendingNotice> entry : held) {
            PendingNotice notice = entry.value;
            var customer = recipients.customer(notice.getCustomerId());
            if (customer.isPresent()) {
                address(new Notice(NotificationKind.valueOf(notice.getKind()), notice.getSourceEventId(),
                        notice.getOccurredAt(), notice.getCorrelationId(), notice.getCustomerId(), notice.getDetails()), customer.get(),
                        notice.getOccurredAt());
                pending.delete(entry.key);
            } else if (now - notice.getHeldSince() > rules.longestHold().toMillis()) {
                giveUp(notice, now);
                pending.delete(entry.key);
            }
        }
    }

    private void address(Notice notice, Recipient recipient, long at) {
        if (recipient.getDeleted() || recipient.getOptOuts().contains(notice.kind().name())) {
            return;
        }
        String name = recipient.getDisplayName() == null ? "customer" : recipient.getDisplayName();
        Messages.Message message = messages.render(notice.kind(), name, notice.details());
        for (String chosen : recipient.getChannels()) {
            Channel channel = Channel.valueOf(chosen);
            String to = channel == Channel.EMAIL ? recipient.getEmail() : recipient.getCustomerId();
            String notificationId = uuid("notification/" + notice.sourceEventId() + "/" + notice.kind() + "/"
                    + recipient.getCustomerId() + "/" + channel);
            Notification notification = Notification.newBuilder()
                    .setEventId(UUID.fromString(uuid("event/" + notificationId)))
                    .setOccurredAt(Instant.ofEpochMilli(at))
                    .setNotificationId(notificationId)
                    .setCustomerId(recipient.getCustomerId())
                    .setCorrelationId(notice.correlationId())
                    .setSourceEventId(notice.sourceEventId())
                    .setChannel(channel)
                    .setKind(notice.kind())
                    .setRecipient(to)
                    .setSubject(message.subject())
                    .setBody(message.body())
                    .setDetails(withName(notice, name))
                    .build();
            context.forward(new Record<Object, Object>(recipient.getCustomerId(), notification, at), NOTIFICATIONS_SINK);
        }
    }

    private static Map<String, String> withName(Notice notice, String name) {
        Map<String, String> details = new HashMap<>(notice.details());
        details.put("display_name", name);
        return details;
    }

    private void giveUp(PendingNotice notice, long now) {
        String reason = "customer " + notice.getCustomerId() + " of " + notice.getKind() + " (event "
                + notice.getSourceEventId() + ") was still unknown after " + rules.longestHold() + ": not notified";
        LOG.warn(reason);
        DeadLetter letter = DeadLetter.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.ofEpochMilli(now))
                .setCorrelationId(notice.getCorrelationId())
                .setApplicationId(applicationId)
                .setOriginalTopic(notice.getSourceTopic())
                .setOriginalPartition(notice.getSourcePartition())
                .setOriginalOffset(notice.getSourceOffset())
                .setOriginalTimestamp(Instant.ofEpochMilli(notice.getOccurredAt()))
                .setKey(null)
                .setValue(null)
                .setHeaders(Map.of())
                .setStage(DeadLetterStage.PROCESSING)
                .setErrorClass(NoticeProcessor.class.getName())
                .setErrorMessage(reason)
                .setStackTrace(null)
                .build();
        context.forward(new Record<Object, Object>(null, letter, now), DEAD_LETTER_SINK);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

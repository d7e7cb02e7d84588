package org.commercecore.notifications.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.platform.tracing.TraceContext;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.DeliveryOutcome;
import org.commercecore.schemas.notifications.DeliveryStatus;
import org.commercecore.schemas.notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what notifications.v1 holds, outside any Streams transaction: a network call cannot be
 * rolled back, so it must not sit inside a transaction that may abort and run it again. Per batch:
 * every notification is delivered (in parallel, each with its retries), then one Kafka transaction
 * writes every outcome to notifications.deliveries.v1, every failure to the dead-letter topic, and
 * the consumer offsets. So a committed outcome and a committed offset are the same fact; what a
 * crash can repeat is only a batch whose deliveries went out and whose transaction did not commit.
 */
public final class DeliveryWorker implements AutoCloseable {
    public static final String GROUP_ID = "commerce-notification-delivery";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(GROUP_ID);
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Deserializer<Notification> notifications;
    private final Serializer<DeliveryOutcome> outcomes;
    private final Serializer<DeadLetter> deadLetters;
    private final Map<Channel, NotificationSender> senders = new HashMap<>();
    private final RetryPolicy retries;
    private final DeliveredLog delivered;
    private final Duration remember;
    private final ExecutorService deliveries;
    private final Clock clock;
    private final DeliveryMeters meters;
    private final Consumer<String> onFailure;
    private final Thread loop;
    private volatile boolean running = true;

    public DeliveryWorker(DeliveryClients clients, AvroSerdes serdes, Collection<NotificationSender> senders, RetryPolicy retries,
                          int concurrency, Duration remember, Clock clock, DeliveryMeters meters, Consumer<String> onFailure) {
        this.consumer = clients.consumer();
        this.producer = clients.producer();
        this.notifications = Topics.NOTIFICATIONS.valueSerde(serdes).deserializer();
        this.outcomes = Topics.NOTIFICATION_DELIVERIES.valueSerde(serdes).serializer();
        this.deadLetters = DEAD_LETTERS.valueSerde(serdes).serializer();
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.retries = retries;
        this.remember = remember;
        this.delivered = new DeliveredLog(clients::outcomeReader,
                Topics.NOTIFICATION_DELIVERIES.valueSerde(serdes).deserializer(), remember, clock);
        this.deliveries = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "notification-delivery");
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
        this.meters = meters;
        this.onFailure = onFailure;
        this.loop = new Thread(this::run, "notification-delivery-loop");
        checkSchemasRegistered();
    }

    /**
     * Outcomes and dead letters are encoded after a delivery went out: a schema missing from the
     * registry then would fail every batch after sending it, and every restart would send it again.
     * So both are encoded once here, and a missing one stops the start instead.
     */
    private void checkSchemasRegistered() {
        DeliveryOutcome probe = DeliveryOutcome.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.EPOCH)
                .setNotificationId("probe").setCustomerId("probe").setChannel("EMAIL").setStatus(DeliveryStatus.DELIVERED)
                .setAttempts(1).setReason(null).build();
        outcomes.serialize(Topics.NOTIFICATION_DELIVERIES.name(), probe);
        deadLetters.serialize(DEAD_LETTERS.name(), DeadLetter.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.EPOCH).setApplicationId(GROUP_ID).setOriginalTopic("probe").setOriginalPartition(0)
                .setOriginalOffset(0).setHeaders(Map.of()).setStage(DeadLetterStage.PROCESSING).setErrorClass("probe")
                .setErrorMessage("probe").build());
    }

    public DeliveryWorker start() {
        loop.start();
        return this;
    }

    public boolean alive() {
        return loop.isAlive();
    }

    private void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.NOTIFICATIONS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    delivered.forget(partitions.stream().map(TopicPartition::partition).toList());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    delivered.load(partitions.stream().map(TopicPartition::partition).toList());
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    deliverAndCommit(batch);
                }
            }
        } catch (InterruptedException | ExecutionException | RuntimeException e) { // WakeupException, CancellationException on close
            if (running) { // when stopping, an interrupted batch is expected: it was not committed and is sent again later
                LOG.error("the notification delivery loop failed; the batch under way was not committed and is sent again"
                        + " by whichever instance takes it over", e);
                onFailure.accept("notification delivery failed: " + e);
            }
        } finally {
            consumer.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void deliverAndCommit(ConsumerRecords<String, byte[]> batch) throws InterruptedException, ExecutionException {
        List<Future<Result>> pending = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            pending.add(deliveries.submit(() -> deliver(record, inBatch)));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> f : pending) {
            results.add(f.get()); // an interrupted delivery fails the batch: nothing of it is recorded
        }
        producer.beginTransaction();
        try {
            for (Result r : results) {
                r.writeTo(producer);
            }
            producer.sendOffsetsToTransaction(nextOffsets(batch), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw e;
        }
        results.stream().filter(r -> r.notificationId != null).forEach(r -> delivered.add(r.partition, r.notificationId));
        results.forEach(r -> r.countIn(meters));
    }

    private Result deliver(ConsumerRecord<String, byte[]> record, Set<String> inBatch) throws InterruptedException {
        Notification n;
        try {
            n = notifications.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            return Result.deadLetterOnly(record, deadLetter(record, DeadLetterStage.DESERIALIZATION, e.getClass().getName(),
                    "the notification cannot be decoded: " + e.getMessage()));
        }
        if (n == null) {
            return Result.nothing(record);
        }
        boolean firstInBatch;
        synchronized (inBatch) {
            firstInBatch = inBatch.add(n.getNotificationId());
        }
        if (!firstInBatch || delivered.contains(record.partition(), n.getNotificationId())) {
            LOG.debug("notification {} already has an outcome: not sent again", n.getNotificationId());
            return Result.nothing(record);
        }
        if (n.getOccurredAt().isBefore(clock.instant().minus(remember))) {
            // older than what takeover reads back: it may have been delivered long ago, so it is not sent again
            LOG.info("notification {} is older than {}: recorded EXPIRED, not sent", n.getNotificationId(), remember);
            return new Result(record, n, DeliveryStatus.EXPIRED, outcome(record, n, DeliveryStatus.EXPIRED, 0,
                    "older than " + remember + " when read"), null);
        }
        NotificationSender sender = senders.get(n.getChannel());
        if (sender == null) {
            return failed(record, n, 0, "no sender for channel " + n.getChannel() + " is configured");
        }
        DeliveryFailure last = null;
        for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retries.backoff(attempt, ThreadLocalRandom.current()).toMillis()); // interrupted on shutdown: the batch is redone later
            }
            try {
                send(sender, n);
                return new Result(record, n, DeliveryStatus.DELIVERED, outcome(record, n, DeliveryStatus.DELIVERED, attempt, null),
                        null);
            } catch (DeliveryFailure failure) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopping during a delivery");
                }
                last = failure;
                LOG.info("notification {} attempt {} of {} failed: {}", n.getNotificationId(), attempt, retries.attempts(),
                        failure.getMessage());
                if (!failure.retryable()) {
                    return failed(record, n, attempt, failure.getMessage());
                }
            }
        }
        return failed(record, n, retries.attempts(), last.getMessage());
    }

    /** A sender's own bug (an unexpected exception) is a failed attempt like any other, not the end of the worker. */
    private static void send(NotificationSender sender, Notification n) throws DeliveryFailure {
        // a span per attempt, in the trace of the event the notification is for (the agent does not see SMTP)
        TraceContext.inClientSpan(sender.channel().name().toLowerCase(Locale.ROOT) + " delivery", () -> {
            try {
                sender.send(n);
            } catch (RuntimeException e) {
                throw new DeliveryFailure(sender.channel() + " sender failed unexpectedly: " + e, true, e);
            }
        });
    }

    private Result failed(ConsumerRecord<String, byte[]> record, Notification n, int attempts, String reason) {
        String why = reason + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")";
        LOG.warn("notification {} ({} to customer {}) not delivered: {}", n.getNotificationId(), n.getChannel(),
                n.getCustomerId(), why);
        return new Result(record, n, DeliveryStatus.FAILED, outcome(record, n, DeliveryStatus.FAILED, attempts, why),
                deadLetter(record, DeadLetterStage.PROCESSING, DeliveryFailure.class.getName(), why));
    }

    private ProducerRecord<String, byte[]> outcome(ConsumerRecord<String, byte[]> record, Notification n, DeliveryStatus status,
                                                   int attempts, String reason) {
        DeliveryOutcome outcome = DeliveryOutcome.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("outcome/" + n.getNotificationId()).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(clock.instant())
                .setNotificationId(n.getNotificationId())
                .setCustomerId(n.getCustomerId())
                .setCorrelationId(n.getCorrelationId())
                .setChannel(n.getChannel().name())
                .setStatus(status)
                .setAttempts(attempts)
                .setReason(reason)
                .build();
        String topic = Topics.NOTIFICATION_DELIVERIES.name();
        // the notification's partition: outcomes and notifications share partition numbers (DeliveredLog reads them so)
        return new ProducerRecord<>(topic, record.partition(), record.key(), outcomes.serialize(topic, outcome));
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, DeadLetterStage stage,
                                                      String errorClass, String reason) {
        Map<String, ByteBuffer> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value()));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(clock.instant())
                .setCorrelationId(null)
                .setApplicationId(GROUP_ID)
                .setOriginalTopic(record.topic())
                .setOriginalPartition(record.partition())
                .setOriginalOffset(record.offset())
                .setOriginalTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers)
                .setStage(stage)
                .setErrorClass(errorClass)
                .setErrorMessage(reason)
                .setStackTrace(null)
                .build();
        return new ProducerRecord<>(DEAD_LETTERS.name(), null, record.key(), deadLetters.serialize(DEAD_LETTERS.name(), letter));
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(tp);
            offsets.put(tp, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** What one record came to: an outcome, a dead letter, both, or nothing (a duplicate, a tombstone). */
    private record Result(int partition, String notificationId, Channel channel, DeliveryStatus status,
                          ProducerRecord<String, byte[]> outcome, ProducerRecord<String, byte[]> deadLetter) {
        Result(ConsumerRecord<String, byte[]> record, Notification n, DeliveryStatus status, ProducerRecord<String, byte[]> outcome,
               ProducerRecord<String, byte[]> deadLetter) {
            this(record.partition(), n.getNotificationId(), n.getChannel(), status, outcome, deadLetter);
        }

        static Result nothing(ConsumerRecord<String, byte[]> record) {
            return new Result(record.partition(), null, null, null, null, null);
        }

        static Result deadLetterOnly(ConsumerRecord<String, byte[]> record, ProducerRecord<String, byte[]> deadLetter) {
            return new Result(record.partition(), null, null, null, null, deadLetter);
        }

        /** Counted once the batch committed: an aborted batch is delivered again and counted then. */
        void countIn(DeliveryMeters meters) {
            if (status != null) {
                meters.outcome(channel, status);
            } else if (deadLetter != null) {
                meters.undecodable();
            }
        }

        void writeTo(KafkaProducer<String, byte[]> producer) {
            if (outcome != null) {
                producer.send(outcome);
            }
            if (deadLetter != null) {
                producer.send(deadLetter);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        // queued deliveries never run: cancel them, or the loop would wait on their futures for ever
        deliveries.shutdownNow().forEach(queued -> ((Future<?>) queued).cancel(false));
        loop.interrupt();
        loop.join(TimeUnit.SECONDS.toMillis(30));
    }
}

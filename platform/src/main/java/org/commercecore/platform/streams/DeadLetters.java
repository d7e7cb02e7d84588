package org.commercecore.platform.streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.commercecore.platform.registry.RegistryUnavailableException;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.deadletter.DeadLetterStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a record that could not be handled into a {@link DeadLetter} on the application's
 * dead-letter topic. The dead letter is handed back to Kafka Streams (KIP-1034), which writes it
 * in the same transaction as the task's other output, so under exactly-once a dead letter is
 * never lost and never written twice. What a processor already did for that record before it
 * threw (a state-store write, an earlier forward) commits with it: processors validate first and
 * change state last.
 *
 * <p>A failure that says nothing about the record (the registry unreachable) is never a dead
 * letter: the handlers fail the task instead, the transaction aborts and the record is retried.
 */
final class DeadLetters {
    /** Streams config key that carries the registry URL to the exception handlers. */
    static final String REGISTRY_URL_CONFIG = "commerce.registry.url";
    /** Streams config key that carries the app's meter registry (an object, not a string) to the handlers. */
    static final String METER_REGISTRY_CONFIG = "commerce.meter.registry";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_STACK_TRACE = 8_000;
    /** Dead letters written, by stage (deserialization, processing, production); the app is the service tag. */
    static final String DEAD_LETTERS_METER = "commerce.streams.dead.letters";

    private final String applicationId;
    private final Topic<byte[], DeadLetter> topic;
    private final Serializer<DeadLetter> serializer;
    private final MeterRegistry meters;

    private DeadLetters(String applicationId, Serializer<DeadLetter> serializer, MeterRegistry meters) {
        this.applicationId = applicationId;
        this.topic = Topics.deadLetter(applicationId);
        this.serializer = serializer;
        this.meters = meters;
        // every stage at zero from the start: increase() and alerts see the first dead letter as a change
        for (DeadLetterStage stage : List.of(DeadLetterStage.DESERIALIZATION, DeadLetterStage.PROCESSING, DeadLetterStage.PRODUCTION)) {
            counter(stage);
        }
    }

    private Counter counter(DeadLetterStage stage) {
        return meters.counter(DEAD_LETTERS_METER, "stage", stage.name().toLowerCase(Locale.ROOT));
    }

    /** Built from the Streams configuration the handlers receive in {@code configure}. */
    static DeadLetters fromStreamsConfig(Map<String, ?> configs) {
        String applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        Object registry = configs.get(REGISTRY_URL_CONFIG);
        if (registry == null) {
            throw new IllegalStateException(REGISTRY_URL_CONFIG + " must be set for the dead-letter handlers");
        }
        AvroSerdes serdes = AvroSerdes.forRegistry(URI.create(registry.toString()));
        // a runner started without meters (a test's, a benchmark's) still dead-letters; it only counts nothing
        MeterRegistry meters = configs.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
        return new DeadLetters(applicationId, Topics.deadLetter(applicationId).valueSerde(serdes).serializer(), meters);
    }

    /** Errors that say nothing about the record: retry it (fail the task) instead of dead-lettering it. */
    static boolean isTransient(Exception error) {
        return RegistryUnavailableException.isCauseOf(error);
    }

    List<ProducerRecord<byte[], byte[]>> record(DeadLetterStage stage, ErrorHandlerContext context,
                                                byte[] key, byte[] value, Exception error) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now())
                .setCorrelationId(null)
                .setApplicationId(applicationId)
                .setOriginalTopic(context.topic() == null ? "unknown" : context.topic())
                .setOriginalPartition(context.partition())
                .setOriginalOffset(context.offset())
                .setOriginalTimestamp(context.timestamp() >= 0 ? Instant.ofEpochMilli(context.timestamp()) : null)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headers(context.headers()))
                .setStage(stage)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(reason(error))
                .setStackTrace(stackTrace(error))
                .build();
        LOG.warn("dead-lettering record {}-{}@{} at stage {}: {}", context.topic(), context.partition(),
                context.offset(), stage, letter.getErrorMessage());
        byte[] encoded = serializer.serialize(topic.name(), letter);
        // counted when handed to Streams: a task that aborts afterwards writes it again, and counts it again
        counter(stage).increment();
        return List.of(new ProducerRecord<>(topic.name(), null, key, encoded));
    }

    private static Map<String, ByteBuffer> headers(Headers headers) {
        Map<String, ByteBuffer> copy = new HashMap<>();
        if (headers != null) {
            for (Header h : headers) {
                copy.put(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value()));
            }
        }
        return copy;
    }

    /** The whole cause chain: the outermost message alone rarely says what was wrong. */
    static String reason(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- caused by ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > MAX_STACK_TRACE ? trace.substring(0, MAX_STACK_TRACE) : trace;
    }
}

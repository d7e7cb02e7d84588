package org.commercecore.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.commercecore.schemas.deadletter.DeadLetterStage;

/** An input record that cannot be decoded goes to the dead-letter topic; the stream keeps running. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return Response.resume(deadLetters.record(DeadLetterStage.DESERIALIZATION, context, record.key(), record.value(),
                exception));
    }
}

package org.commercecore.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.commercecore.schemas.deadletter.DeadLetterStage;

/**
 * An input record that cannot be decoded goes to the dead-letter topic and the stream keeps
 * running. If decoding failed because the registry was unreachable, the task fails instead and
 * the record is read again: a good record is never dead-lettered for an outage.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (DeadLetters.isTransient(exception)) {
            return Response.fail();
        }
        return Response.resume(deadLetters.record(DeadLetterStage.DESERIALIZATION, context, record.key(), record.value(),
                exception));
    }
}

package org.commercecore.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.commercecore.schemas.deadletter.DeadLetterStage;

/**
 * An output record that cannot be serialized, or that the broker refuses for what it is (too
 * large, invalid), goes to the dead-letter topic with the source record's bytes: retrying it would
 * fail the same way on every instance. Any other send failure fails the task: under exactly-once
 * the transaction aborts and the input is processed again, so nothing is lost.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException || exception instanceof InvalidRecordException) {
            return Response.resume(deadLetters.record(DeadLetterStage.PRODUCTION, context, context.sourceRawKey(),
                    context.sourceRawValue(), exception));
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface declares the raw type
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (DeadLetters.isTransient(exception)) {
            return Response.fail();
        }
        return Response.resume(deadLetters.record(DeadLetterStage.PRODUCTION, context, context.sourceRawKey(),
                context.sourceRawValue(), exception));
    }
}

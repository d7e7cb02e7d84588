package org.commercecore.platform.streams;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.commercecore.schemas.deadletter.DeadLetterStage;

/**
 * A record whose processing throws goes to the dead-letter topic with the source record's raw
 * bytes, so it can be inspected and replayed; the stream keeps running.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.fromStreamsConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (DeadLetters.isTransient(exception)) {
            return Response.fail();
        }
        return Response.resume(deadLetters.record(DeadLetterStage.PROCESSING, context, context.sourceRawKey(),
                context.sourceRawValue(), exception));
    }
}

package org.commercecore.platform.tasks;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * A durable queue of point-to-point tasks and the queue its poison tasks go to. Both are declared
 * by whoever uses them first (publisher or worker), with no arguments: broker-side TTLs and
 * dead-letter arguments differ between RabbitMQ and the embedded Qpid broker, so expiry and
 * dead-lettering are done by the worker itself.
 */
public record TaskQueue(String name, String deadLetterName) {
    /** Mails carrying a one-time code (a login code, an e-mail verification). */
    public static final TaskQueue CODE_MAILS = new TaskQueue("commerce.code-mails", "commerce.code-mails.dead-letter");

    public void declare(Channel channel) throws IOException {
        channel.queueDeclare(name, true, false, false, Map.of());
        channel.queueDeclare(deadLetterName, true, false, false, Map.of());
    }
}

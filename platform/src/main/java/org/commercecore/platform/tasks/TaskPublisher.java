package org.commercecore.platform.tasks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Puts tasks on a {@link TaskQueue}: persistent, mandatory (a queue that does not exist is an error,
 * not a silent drop) and confirmed by the broker before {@link #publish} returns, so a task the
 * caller was told is queued is on the broker. One publish at a time on one channel: tasks are rare
 * (a code per login) and a confirmed publish takes a round trip.
 */
public final class TaskPublisher implements AutoCloseable {
    private final Connection connection;
    private Channel channel;
    private final TaskQueue queue;
    private final Duration confirmTimeout;
    private final Clock clock;
    private volatile String returned;

    public TaskPublisher(Connection connection, TaskQueue queue, Duration confirmTimeout, Clock clock) {
        this.connection = connection;
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
        this.clock = clock;
        try {
            this.channel = openChannel();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the task queue " + queue.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A channel in confirm mode, the queues declared. A broker may close a channel on an error, and
     * the client recovers only channels lost with their connection, so a closed one is replaced at
     * the next publish.
     */
    private Channel openChannel() throws IOException {
        Channel opened = connection.createChannel();
        queue.declare(opened);
        opened.confirmSelect();
        opened.addReturnListener(r -> returned = r.getReplyText());
        return opened;
    }

    /** The broker did not take a task: it is down, unreachable, or refused it. */
    public static final class NotQueued extends Exception {
        public NotQueued(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Queues one task and waits for the broker's confirm. {@code id} is the task's message id;
     * {@code type} names its format. After a task is not queued the channel is dropped, so the next
     * publish starts on a new one with the queues declared again (they may have been deleted).
     */
    public synchronized void publish(String id, String type, byte[] json) throws NotQueued {
        try {
            publishOnChannel(id, type, json);
        } catch (NotQueued e) {
            discardChannel();
            throw e;
        }
    }

    private void publishOnChannel(String id, String type, byte[] json) throws NotQueued {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .messageId(id)
                .type(type)
                .timestamp(Date.from(clock.instant()))
                .headers(Map.of())
                .build();
        returned = null;
        try {
            if (channel == null || !channel.isOpen()) {
                channel = openChannel();
            }
            channel.basicPublish("", queue.name(), true, properties, json);
            // not waitForConfirmsOrDie: it closes the channel on a nack, and a channel closed by us is not recovered
            if (!channel.waitForConfirms(confirmTimeout.toMillis())) {
                throw new NotQueued("the AMQP broker refused the task for " + queue.name() + " (nack)", null);
            }
        } catch (IOException | ShutdownSignalException e) {
            throw new NotQueued("the AMQP broker did not take the task for " + queue.name() + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new NotQueued("the AMQP broker did not confirm the task for " + queue.name() + " within " + confirmTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotQueued("interrupted while waiting for the AMQP broker's confirm of a task for " + queue.name(), e);
        }
        String refusal = returned;
        if (refusal != null) {
            throw new NotQueued("the AMQP broker could not route the task to " + queue.name() + ": " + refusal, null);
        }
    }

    private void discardChannel() {
        Channel dropped = channel;
        channel = null;
        try {
            if (dropped != null && dropped.isOpen()) {
                dropped.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // it is being replaced either way
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}

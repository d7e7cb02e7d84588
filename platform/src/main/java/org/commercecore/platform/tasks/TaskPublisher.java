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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts tasks on a {@link TaskQueue}: persistent, mandatory (a queue that does not exist is an error,
 * not a silent drop) and confirmed by the broker before {@link #publish} returns, so a task the
 * caller was told is queued is on the broker. One publish at a time on one channel (tasks are rare:
 * a code per login), and a caller waits for its turn no longer than for a confirm: a broker that
 * stalls makes publishes fail fast, it does not pile up the caller's threads.
 *
 * <p>The connection is opened when first needed: a broker that is down when the service starts
 * fails only the publishes until it is back (the client then keeps the connection recovered).
 */
public final class TaskPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskPublisher.class);

    private final Supplier<Connection> connect;
    private final TaskQueue queue;
    private final Duration confirmTimeout;
    private final Clock clock;
    private final ReentrantLock turn = new ReentrantLock();
    private Connection connection;
    private Channel channel;
    private volatile String returned;

    public TaskPublisher(Supplier<Connection> connect, TaskQueue queue, Duration confirmTimeout, Clock clock) {
        this.connect = connect;
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
        this.clock = clock;
        turn.lock();
        try {
            openChannel();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the AMQP broker for {} is not reachable yet ({}); tasks fail until it is", queue.name(), e.getMessage());
        } finally {
            turn.unlock();
        }
    }

    /** The broker did not take a task: it is down, unreachable, busy, or refused it. */
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
    public void publish(String id, String type, byte[] json) throws NotQueued {
        try {
            if (!turn.tryLock(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NotQueued("the AMQP broker is still confirming earlier tasks for " + queue.name(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotQueued("interrupted while waiting to publish a task for " + queue.name(), e);
        }
        try {
            publishOnChannel(id, type, json);
        } catch (NotQueued e) {
            discardChannel();
            throw e;
        } finally {
            turn.unlock();
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
                openChannel();
            }
            channel.basicPublish("", queue.name(), true, properties, json);
            // not waitForConfirmsOrDie: it closes the channel on a nack, and a channel closed by us is not recovered
            if (!channel.waitForConfirms(confirmTimeout.toMillis())) {
                throw new NotQueued("the AMQP broker refused the task for " + queue.name() + " (nack)", null);
            }
        } catch (IOException | RuntimeException e) {
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

    /**
     * A channel in confirm mode, the queues declared, on the connection (opened first if there is
     * none yet). A broker may close a channel on an error, and the client recovers only channels
     * lost with their connection, so a closed one is replaced at the next publish.
     */
    private void openChannel() throws IOException {
        if (connection == null) {
            connection = connect.get();
        }
        Channel opened = connection.createChannel();
        queue.declare(opened);
        opened.confirmSelect();
        opened.addReturnListener(r -> returned = r.getReplyText());
        channel = opened;
    }

    private void discardChannel() {
        Channel dropped = channel;
        channel = null;
        if (dropped != null) {
            try {
                dropped.abort(); // also when already closed: takes it off the connection's list of channels to recover
            } catch (IOException | RuntimeException e) {
                // it is being replaced either way
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }
}

package org.commercecore.command;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.commercecore.platform.tasks.AmqpConnections;
import org.commercecore.platform.tasks.CodeMailTask;
import org.commercecore.platform.tasks.TaskQueue;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * Stands in for the code mail worker: takes the tasks the command API queued off the real queue,
 * so a test reads the code a customer would find in their mail. Tasks for other addresses are kept
 * for later calls.
 */
final class CodeMailInbox implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Connection connection;
    private final Channel channel;
    private final List<CodeMailTask> seen = new ArrayList<>();

    CodeMailInbox(TaskSettings.Broker broker) throws Exception {
        connection = AmqpConnections.open(broker, "command-api it inbox");
        channel = connection.createChannel();
        TaskQueue.CODE_MAILS.declare(channel);
    }

    /** The first task not taken yet for this address and purpose; fails after a few seconds without one. */
    synchronized CodeMailTask await(String email, CodeMailTask.Purpose purpose) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (CodeMailTask task : seen) {
                if (task.email().equals(email) && task.purpose() == purpose) {
                    seen.remove(task);
                    return task;
                }
            }
            GetResponse next = channel.basicGet(TaskQueue.CODE_MAILS.name(), true);
            if (next != null) {
                seen.add(CodeMailTask.fromJson(next.getBody()));
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + purpose + " code mail task for " + email + " within " + PATIENCE.toSeconds() + " s");
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the queue is empty: poll again soon
            }
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

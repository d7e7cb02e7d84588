package org.commercecore.localstack.junit;

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
 * For tests of the command API without the notifications app: stands in for the code mail worker,
 * taking the tasks the command API queued off the real queue, so a test reads the code a customer
 * would find in their mail. Tasks for other addresses are kept for later calls.
 */
public final class CodeMailInbox implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Connection connection;
    private final Channel channel;
    private final List<CodeMailTask> seen = new ArrayList<>();

    public CodeMailInbox(TaskSettings.Broker broker) throws Exception {
        connection = AmqpConnections.open(broker, "command-api it inbox");
        channel = connection.createChannel();
        TaskQueue.CODE_MAILS.declare(channel);
    }

    /**
     * The newest task for this address and purpose (the code that works: each new one replaces the
     * last), taking the older ones with it; waits a few seconds for one. What the queue holds is read
     * to its end first: a code the API answered for is on the queue already (publisher confirms).
     */
    public synchronized CodeMailTask await(String email, CodeMailTask.Purpose purpose) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (GetResponse next = channel.basicGet(TaskQueue.CODE_MAILS.name(), true); next != null;
                 next = channel.basicGet(TaskQueue.CODE_MAILS.name(), true)) {
                seen.add(CodeMailTask.fromJson(next.getBody()));
            }
            CodeMailTask newest = null;
            for (CodeMailTask task : seen) {
                if (task.email().equals(email) && task.purpose() == purpose) {
                    newest = task;
                }
            }
            if (newest != null) {
                seen.removeIf(task -> task.email().equals(email) && task.purpose() == purpose);
                return newest;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + purpose + " code mail task for " + email + " within " + PATIENCE.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the queue is empty: poll again soon
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

package org.commercecore.notifications.codes;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.commercecore.notifications.delivery.DeliveryFailure;
import org.commercecore.notifications.delivery.MailSender;
import org.commercecore.notifications.delivery.RetryPolicy;
import org.commercecore.platform.tasks.CodeMailTask;
import org.commercecore.platform.tasks.TaskQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes code mail tasks off {@link TaskQueue#CODE_MAILS} and mails them. Each task is acked only
 * after its mail was sent (or it was dead-lettered): a worker that dies before its ack leaves the
 * task unacked, and the broker hands it to the next worker. At most {@code prefetch} tasks are
 * held at once, each on a thread of its own.
 * <ul>
 *   <li>A task whose code has expired is acked without a mail: the code would not work.</li>
 *   <li>A temporary failure (a 4xx from SMTP, a timeout) is retried with backoff while the task is
 *       held, as long as the code is still good.</li>
 *   <li>A poison task (not a task, or a mail the server refuses for good, or attempts used up) is
 *       put on the dead-letter queue, with the reason in its headers, confirmed, then acked.</li>
 * </ul>
 * A task redelivered after its mail went out but before the ack arrived is mailed again: the two
 * mails carry one Message-ID (the task id), and the code in them is the same.
 */
public final class CodeMailWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CodeMailWorker.class);
    public static final String REASON_HEADER = "x-commerce-reason";
    public static final String ATTEMPTS_HEADER = "x-commerce-attempts";
    public static final String DEAD_LETTERED_AT_HEADER = "x-commerce-dead-lettered-at";
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Connection connection;
    private final TaskQueue queue;
    private final MailSender mail;
    private final CodeMails mails;
    private final RetryPolicy retries;
    private final int prefetch;
    private final Clock clock;
    private final ExecutorService workers;
    private Channel channel;
    private Channel deadLetters;
    private String consumerTag;

    public CodeMailWorker(Connection connection, TaskQueue queue, MailSender mail, CodeMails mails, RetryPolicy retries, int prefetch,
                          Clock clock) {
        this.connection = connection;
        this.queue = queue;
        this.mail = mail;
        this.mails = mails;
        this.retries = retries;
        this.prefetch = prefetch;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(prefetch, r -> new Thread(r, "code-mail-worker"));
    }

    /** Declares the queues and starts consuming; returns this, to be closed on stop. */
    public CodeMailWorker start() {
        try {
            channel = connection.createChannel();
            queue.declare(channel);
            channel.basicQos(prefetch);
            deadLetters = connection.createChannel();
            deadLetters.confirmSelect();
            consumerTag = channel.basicConsume(queue.name(), false, "code-mail-worker-" + ProcessHandle.current().pid(),
                    new DefaultConsumer(channel) {
                        @Override
                        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                            workers.execute(() -> process(envelope, properties, body));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot consume " + queue.name() + ": " + e.getMessage(), e);
        }
        LOG.info("taking code mail tasks from {} (prefetch {})", queue.name(), prefetch);
        return this;
    }

    /** Connected and consuming (readiness). */
    public boolean alive() {
        return connection.isOpen() && channel != null && channel.isOpen();
    }

    private void process(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        try {
            handle(envelope, properties, body);
        } catch (RuntimeException | IOException e) {
            LOG.error("a code mail task (delivery {}) goes back to the queue: {}", envelope.getDeliveryTag(), e.toString());
            requeue(envelope);
        } catch (InterruptedException e) {
            // stopping: left unacked, the broker requeues it when the connection closes
            Thread.currentThread().interrupt();
        }
    }

    private void requeue(Envelope envelope) {
        try {
            synchronized (channel) {
                channel.basicNack(envelope.getDeliveryTag(), false, true);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not requeue delivery {} (the broker does when the channel closes): {}", envelope.getDeliveryTag(), e.toString());
        }
    }

    private void handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException, InterruptedException {
        CodeMailTask task;
        try {
            task = CodeMailTask.fromJson(body);
        } catch (IOException e) {
            deadLetter(envelope, properties, body, "not a code mail task: " + e.getMessage(), 0);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            if (!clock.instant().isBefore(task.expiresAt())) {
                LOG.info("{} expired before it was mailed{}; dropped", task, envelope.isRedeliver() ? " (redelivered)" : "");
                ack(envelope);
                return;
            }
            try {
                mail.send(mails.render(task));
                LOG.info("mailed {} (attempt {}{})", task, attempt, envelope.isRedeliver() ? ", redelivered" : "");
                ack(envelope);
                return;
            } catch (DeliveryFailure f) {
                Duration wait = attempt < retries.attempts() ? retries.backoff(attempt + 1, ThreadLocalRandom.current()) : null;
                if (!f.retryable() || wait == null || !clock.instant().plus(wait).isBefore(task.expiresAt())) {
                    deadLetter(envelope, properties, body, f.getMessage(), attempt);
                    return;
                }
                LOG.warn("{} not mailed (attempt {}): {}; again in {} ms", task, attempt, f.getMessage(), wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private void ack(Envelope envelope) throws IOException {
        synchronized (channel) {
            channel.basicAck(envelope.getDeliveryTag(), false);
        }
    }

    /** The task as it came, with why it failed, on the dead-letter queue; acked once the broker confirmed it there. */
    private void deadLetter(Envelope envelope, AMQP.BasicProperties properties, byte[] body, String reason, int attempts)
            throws IOException, InterruptedException {
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(REASON_HEADER, reason);
        headers.put(ATTEMPTS_HEADER, attempts);
        headers.put(DEAD_LETTERED_AT_HEADER, Instant.now(clock).toString());
        AMQP.BasicProperties kept = properties.builder().deliveryMode(2).headers(headers).build();
        boolean confirmed;
        synchronized (deadLetters) {
            deadLetters.basicPublish("", queue.deadLetterName(), kept, body);
            try {
                confirmed = deadLetters.waitForConfirms(CONFIRM_TIMEOUT.toMillis());
            } catch (TimeoutException e) {
                confirmed = false;
            }
        }
        if (!confirmed) {
            throw new IOException("the dead-letter queue did not confirm the task; it stays unacked");
        }
        LOG.warn("dead-lettered a code mail task (message {}) after {} attempt(s): {}", properties.getMessageId(), attempts, reason);
        ack(envelope);
    }

    /** Stops taking tasks, lets those under way finish, and closes; what is still unacked goes back to the queue. */
    @Override
    public void close() {
        try {
            if (channel != null && channel.isOpen() && consumerTag != null) {
                channel.basicCancel(consumerTag);
            }
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("cancelling the consumer: {}", e.toString());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        try {
            connection.close();
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("closing the AMQP connection: {}", e.toString());
        }
    }
}

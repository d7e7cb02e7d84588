package org.commercecore.notifications.codes;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
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

    private static final Duration RESUBSCRIBE = Duration.ofSeconds(5);

    static final String MAILS_METER = "commerce.codes.mails";
    private final Supplier<Connection> connect;
    private final TaskQueue queue;
    private final MailSender mail;
    private final CodeMails mails;
    private final RetryPolicy retries;
    private final int prefetch;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService workers;
    private final ScheduledExecutorService subscriber = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "code-mail-subscriber"));
    private volatile boolean closing;
    private Connection connection;
    private volatile Channel channel;
    private volatile String consumerTag;
    private Channel deadLetters;
    private volatile String deadLetterReturned;

    public CodeMailWorker(Supplier<Connection> connect, TaskQueue queue, MailSender mail, CodeMails mails, RetryPolicy retries,
                          int prefetch, Clock clock, MeterRegistry meters) {
        this.connect = connect;
        this.meters = meters;
        this.queue = queue;
        this.mail = mail;
        this.mails = mails;
        this.retries = retries;
        this.prefetch = prefetch;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(prefetch, r -> new Thread(r, "code-mail-worker"));
    }

    /**
     * Subscribes now, or, while the broker cannot be reached, every few seconds until it can: the app
     * starts without it (not ready until then). Returns this, to be closed on stop.
     */
    public CodeMailWorker start() {
        subscriber.execute(this::subscribeOrRetry);
        return this;
    }

    private void subscribeOrRetry() {
        if (closing) {
            return;
        }
        try {
            subscribe();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot consume {} yet ({}); again in {} s", queue.name(), e.getMessage(), RESUBSCRIBE.toSeconds());
            subscriber.schedule(this::subscribeOrRetry, RESUBSCRIBE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Declares the queues and consumes. The client recovers a channel lost with its connection; one the
     * broker closed on its own (an error on the channel, a consumer timeout) is replaced here.
     */
    private synchronized void subscribe() throws IOException {
        if (connection == null) {
            connection = connect.get();
        }
        Channel consuming = connection.createChannel();
        queue.declare(consuming);
        consuming.basicQos(prefetch);
        if (deadLetters == null || !deadLetters.isOpen()) {
            deadLetters = connection.createChannel();
            deadLetters.confirmSelect();
            deadLetters.addReturnListener(r -> deadLetterReturned = r.getReplyText());
        }
        String tag = consuming.basicConsume(queue.name(), false, "code-mail-worker-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                new DefaultConsumer(consuming) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                        workers.execute(() -> process(consuming, envelope, properties, body));
                    }
                });
        consuming.addShutdownListener(cause -> {
            if (!closing && !cause.isInitiatedByApplication() && !cause.isHardError()) {
                LOG.warn("the broker closed the channel consuming {}: {}; subscribing again", queue.name(), cause.getMessage());
                subscriber.execute(this::subscribeOrRetry);
            }
        });
        channel = consuming;
        consumerTag = tag;
        LOG.info("taking code mail tasks from {} (prefetch {})", queue.name(), prefetch);
    }

    /** Connected and consuming (readiness). */
    public boolean alive() {
        Channel consuming = channel;
        return consuming != null && consuming.isOpen();
    }

    /**
     * One task, acked on the channel it came on. A failure outside the mail itself (a template, the
     * dead-letter queue) puts it back once; failing again on redelivery, it is dead-lettered, so a
     * task that always fails does not circle between broker and worker.
     */
    private void process(Channel from, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        try {
            handle(from, envelope, properties, body);
        } catch (RuntimeException | IOException e) {
            if (envelope.isRedeliver()) {
                try {
                    deadLetter(from, envelope, properties, body, "failed twice: " + e, 0);
                    return;
                } catch (IOException | RuntimeException again) {
                    LOG.error("could not dead-letter delivery {}: {}", envelope.getDeliveryTag(), again.toString());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            LOG.error("a code mail task (delivery {}) goes back to the queue: {}", envelope.getDeliveryTag(), e.toString());
            requeue(from, envelope);
        } catch (InterruptedException e) {
            // stopping: left unacked, the broker requeues it when the connection closes
            Thread.currentThread().interrupt();
        }
    }

    private static void requeue(Channel from, Envelope envelope) {
        try {
            synchronized (from) {
                from.basicNack(envelope.getDeliveryTag(), false, true);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not requeue delivery {} (the broker does when the channel closes): {}", envelope.getDeliveryTag(), e.toString());
        }
    }

    private void handle(Channel from, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException, InterruptedException {
        CodeMailTask task;
        try {
            task = CodeMailTask.fromJson(body);
        } catch (IOException e) {
            deadLetter(from, envelope, properties, body, "not a code mail task: " + e.getMessage(), 0);
            count("unknown", "dead_lettered");
            return;
        }
        for (int attempt = 1; ; attempt++) {
            if (!clock.instant().isBefore(task.expiresAt())) {
                LOG.info("{} expired before it was mailed{}; dropped", task, envelope.isRedeliver() ? " (redelivered)" : "");
                ack(from, envelope);
                count(task, "expired");
                return;
            }
            try {
                mail.send(mails.render(task));
                LOG.info("mailed {} (attempt {}{})", task, attempt, envelope.isRedeliver() ? ", redelivered" : "");
                ack(from, envelope);
                count(task, "sent");
                return;
            } catch (DeliveryFailure f) {
                Duration wait = attempt < retries.attempts() ? retries.backoff(attempt + 1, ThreadLocalRandom.current()) : null;
                if (!f.retryable() || wait == null || !clock.instant().plus(wait).isBefore(task.expiresAt())) {
                    deadLetter(from, envelope, properties, body, f.getMessage(), attempt);
                    count(task, "dead_lettered");
                    return;
                }
                LOG.warn("{} not mailed (attempt {}): {}; again in {} ms", task, attempt, f.getMessage(), wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private void count(CodeMailTask task, String result) {
        count(task.purpose().name().toLowerCase(Locale.ROOT), result);
    }

    /** {@code commerce.codes.mails{purpose, result}}: sent, expired (dropped unsent), dead_lettered; counted after the ack. */
    private void count(String purpose, String result) {
        Counter.builder(MAILS_METER).description("Code mail tasks taken off the queue, by purpose and what became of them")
                .tag("purpose", purpose).tag("result", result).register(meters).increment();
    }

    private static void ack(Channel from, Envelope envelope) throws IOException {
        synchronized (from) {
            from.basicAck(envelope.getDeliveryTag(), false);
        }
    }

    /** The task as it came, with why it failed, on the dead-letter queue; acked once the broker confirmed it there. */
    private void deadLetter(Channel from, Envelope envelope, AMQP.BasicProperties properties, byte[] body, String reason, int attempts)
            throws IOException, InterruptedException {
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(REASON_HEADER, reason);
        headers.put(ATTEMPTS_HEADER, attempts);
        headers.put(DEAD_LETTERED_AT_HEADER, Instant.now(clock).toString());
        AMQP.BasicProperties kept = properties.builder().deliveryMode(2).headers(headers).build();
        boolean confirmed;
        String returned;
        synchronized (this) {
            deadLetterReturned = null;
            // mandatory: a dead-letter queue that is gone must not swallow the task
            deadLetters.basicPublish("", queue.deadLetterName(), true, kept, body);
            try {
                confirmed = deadLetters.waitForConfirms(CONFIRM_TIMEOUT.toMillis());
            } catch (TimeoutException e) {
                confirmed = false;
            }
            returned = deadLetterReturned;
        }
        if (!confirmed || returned != null) {
            throw new IOException("the dead-letter queue did not take the task" + (returned == null ? "" : " (" + returned + ")"));
        }
        LOG.warn("dead-lettered a code mail task (message {}) after {} attempt(s): {}", properties.getMessageId(), attempts, reason);
        ack(from, envelope);
    }

    /** Stops taking tasks, lets those under way finish, and closes; what is still unacked goes back to the queue. */
    @Override
    public void close() {
        closing = true;
        subscriber.shutdownNow();
        Channel consuming = channel;
        try {
            if (consuming != null && consuming.isOpen() && consumerTag != null) {
                consuming.basicCancel(consumerTag); // no more deliveries; those under way finish and are acked
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
            synchronized (this) {
                if (connection != null) {
                    connection.close();
                }
            }
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("closing the AMQP connection: {}", e.toString());
        }
    }
}

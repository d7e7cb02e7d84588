package org.commercecore.notificationse2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.notifications.codes.CodeMailWorker;
import org.commercecore.notifications.codes.CodeMails;
import org.commercecore.notifications.delivery.DeliverySettings;
import org.commercecore.notifications.delivery.MailSender;
import org.commercecore.notifications.delivery.MailTemplates;
import org.commercecore.notifications.delivery.RetryPolicy;
import org.commercecore.platform.tasks.AmqpConnections;
import org.commercecore.platform.tasks.CodeMailTask;
import org.commercecore.platform.tasks.TaskPublisher;
import org.commercecore.platform.tasks.TaskQueue;
import org.commercecore.platform.tasks.TaskSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The code mail task queue on a real broker: the stack's embedded Qpid broker, or the RabbitMQ that
 * COMMERCE_AMQP_URL names (.ci/run runs this test again that way). Each test has queues of its own.
 * A worker "dies" by having its connection aborted while its mail is stuck on an SMTP server that
 * never answers: the broker sees the socket close with the task unacked, as it does when the
 * process is killed.
 */
@ExtendWith(LocalStackExtension.class)
class CodeMailWorkerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LocalStack stack;
    private TaskSettings.Broker broker;
    private TaskQueue queue;

    @BeforeEach
    void queues(LocalStack stack) {
        this.stack = stack;
        this.broker = stack.addresses().amqp();
        String name = "it.code-mails." + UUID.randomUUID();
        this.queue = new TaskQueue(name, name + ".dead-letter");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (broker == null) {
            return; // the stack did not start
        }
        try (Connection c = AmqpConnections.open(broker, "it cleanup")) {
            for (String name : List.of(queue.name(), queue.deadLetterName())) {
                try (Channel channel = c.createChannel()) {
                    channel.queueDelete(name);
                } catch (IOException | RuntimeException gone) {
                    // Qpid refuses to delete a queue that does not exist (the test deleted it); RabbitMQ does not
                }
            }
        }
    }

    @Test
    void mailsAConfirmedTaskWithTheCodeAndTheNameEscapedInHtml() throws Exception {
        TaskPublisher publisher = publisher();
        CodeMailTask task = task("ann-" + UUID.randomUUID() + "@example.com", "<b>Ann</b> & Co", Duration.ofMinutes(10));
        publisher.publish(task.taskId(), CodeMailTask.TYPE, task.toJson());
        worker(stack.mailCatcher().smtpPort(), 2);

        MimeMessage mail = awaitMailTo(task.email());
        assertThat(mail.getSubject()).isEqualTo("Your login code: " + task.code());
        assertThat(mail.getHeader(MailSender.DELIVERY_ID_HEADER)[0]).isEqualTo(task.taskId());
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hello <b>Ann</b> & Co,").contains(task.code());
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("Hello &lt;b&gt;Ann&lt;/b&gt; &amp; Co,")
                .doesNotContain("<b>Ann</b>").contains(task.code());
        await().atMost(PATIENCE).until(() -> ready(queue.name()) == 0 && ready(queue.deadLetterName()) == 0);
    }

    @Test
    void aTaskHeldByAWorkerThatDiesBeforeItsAckGoesToTheNextWorker() throws Exception {
        try (BlackHoleSmtp stuck = new BlackHoleSmtp()) {
            Connection dying = AmqpConnections.open(broker, "it dying worker");
            new CodeMailWorker(() -> dying, queue, mailSender(stuck.port(), Duration.ofMinutes(2)), new CodeMails(new MailTemplates()),
                    RETRIES, 1, Clock.systemUTC(), meters).start();
            CodeMailTask task = task("bo-" + UUID.randomUUID() + "@example.com", "Bo", Duration.ofMinutes(10));
            publisher().publish(task.taskId(), CodeMailTask.TYPE, task.toJson());
            await().atMost(PATIENCE).until(() -> stuck.accepted() > 0); // the worker holds the task, its mail under way

            dying.abort(); // the socket closes without an ack, as when the process is killed
            worker(stack.mailCatcher().smtpPort(), 1);

            MimeMessage mail = awaitMailTo(task.email());
            assertThat(mail.getSubject()).contains(task.code());
            assertThat(mail.getHeader(MailSender.DELIVERY_ID_HEADER)[0]).isEqualTo(task.taskId());
            await().atMost(PATIENCE).until(() -> ready(queue.name()) == 0);
            assertThat(ready(queue.deadLetterName())).isZero();
            assertThat(mailsTo(task.email())).hasSize(1);
        }
    }

    @Test
    void poisonTasksGoToTheDeadLetterQueueWithTheirReason() throws Exception {
        TaskPublisher publisher = publisher();
        publisher.publish("not-json", CodeMailTask.TYPE, "{\"task_id\": 1, oops".getBytes());
        CodeMailTask noAddress = task("not an address", "Cy", Duration.ofMinutes(10));
        publisher.publish(noAddress.taskId(), CodeMailTask.TYPE, noAddress.toJson());
        worker(stack.mailCatcher().smtpPort(), 2);

        List<GetResponse> dead = new ArrayList<>();
        try (Connection c = AmqpConnections.open(broker, "it dead letters"); Channel channel = c.createChannel()) {
            await().atMost(PATIENCE).until(() -> {
                GetResponse r = channel.basicGet(queue.deadLetterName(), true);
                if (r != null) {
                    dead.add(r);
                }
                return dead.size() == 2;
            });
        }
        GetResponse undecodable = dead.stream().filter(r -> "not-json".equals(r.getProps().getMessageId())).findFirst().orElseThrow();
        assertThat(undecodable.getProps().getHeaders().get(CodeMailWorker.REASON_HEADER).toString()).startsWith("not a code mail task");
        assertThat(new String(undecodable.getBody())).isEqualTo("{\"task_id\": 1, oops");
        GetResponse refused = dead.stream().filter(r -> noAddress.taskId().equals(r.getProps().getMessageId())).findFirst().orElseThrow();
        assertThat(refused.getProps().getHeaders().get(CodeMailWorker.REASON_HEADER).toString())
                .isEqualTo("the recipient is not an e-mail address");
        assertThat(((Number) refused.getProps().getHeaders().get(CodeMailWorker.ATTEMPTS_HEADER)).intValue()).isEqualTo(1);
        assertThat(ready(queue.name())).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(mails("unknown", "dead_lettered")).isEqualTo(1);
            assertThat(mails("login", "dead_lettered")).isEqualTo(1);
        });
        assertThat(mails("login", "sent")).isZero();
    }

    /** What {@code commerce.codes.mails} counted so far for this purpose and result. */
    private double mails(String purpose, String result) {
        var counter = meters.find("commerce.codes.mails").tags("purpose", purpose, "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aTaskWhoseCodeExpiredWhileQueuedIsNotMailed() throws Exception {
        String email = "di-" + UUID.randomUUID() + "@example.com";
        CodeMailTask expired = task(email, "Di", Duration.ofSeconds(-1));
        CodeMailTask fresh = task(email, "Di", Duration.ofMinutes(10));
        TaskPublisher publisher = publisher();
        publisher.publish(expired.taskId(), CodeMailTask.TYPE, expired.toJson());
        publisher.publish(fresh.taskId(), CodeMailTask.TYPE, fresh.toJson());
        worker(stack.mailCatcher().smtpPort(), 1); // one at a time, in queue order

        assertThat(awaitMailTo(email).getSubject()).contains(fresh.code());
        await().atMost(PATIENCE).until(() -> ready(queue.name()) == 0);
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(ready(queue.deadLetterName())).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(mails("login", "expired")).isEqualTo(1);
            assertThat(mails("login", "sent")).isEqualTo(1);
        });
    }

    /**
     * RabbitMQ returns the mandatory message (basic.return); Qpid closes the channel with a 404. Either
     * way the caller hears the task is not queued, and the publisher's next task goes through.
     */
    @Test
    void aPublishTheBrokerCannotRouteIsReportedNotQueuedAndThePublisherGoesOn() throws Exception {
        TaskPublisher publisher = publisher();
        try (Connection c = AmqpConnections.open(broker, "it queue delete"); Channel channel = c.createChannel()) {
            channel.queueDelete(queue.name());
        }
        CodeMailTask lost = task("ed@example.com", "Ed", Duration.ofMinutes(10));
        assertThatThrownBy(() -> publisher.publish(lost.taskId(), CodeMailTask.TYPE, lost.toJson()))
                .isInstanceOf(TaskPublisher.NotQueued.class).hasMessageContaining(queue.name());

        CodeMailTask next = task("ed@example.com", "Ed", Duration.ofMinutes(10));
        publisher.publish(next.taskId(), CodeMailTask.TYPE, next.toJson()); // its channel is opened again, the queue declared again
        assertThat(ready(queue.name())).isEqualTo(1);
    }

    private TaskPublisher publisher() {
        TaskPublisher publisher = new TaskPublisher(() -> AmqpConnections.open(broker, "it publisher"), queue, Duration.ofSeconds(5),
                Clock.systemUTC());
        toClose.add(publisher);
        return publisher;
    }

    private void worker(int smtpPort, int prefetch) {
        CodeMailWorker worker = new CodeMailWorker(() -> AmqpConnections.open(broker, "it worker"), queue,
                mailSender(smtpPort, Duration.ofSeconds(10)), new CodeMails(new MailTemplates()), RETRIES, prefetch, Clock.systemUTC(),
                meters);
        toClose.add(worker.start());
    }

    private static MailSender mailSender(int port, Duration timeout) {
        return new MailSender(new DeliverySettings.Smtp("127.0.0.1", port, DeliverySettings.SmtpSecurity.NONE, Optional.empty(),
                Optional.empty(), "codes@commerce.local", 2, timeout), new MailTemplates());
    }

    private static CodeMailTask task(String email, String name, Duration validFor) {
        String code = String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        return new CodeMailTask(UUID.randomUUID().toString(), CodeMailTask.Purpose.LOGIN, email, name, code,
                Instant.now().plus(validFor));
    }

    private long ready(String name) throws Exception {
        try (Connection c = AmqpConnections.open(broker, "it count"); Channel channel = c.createChannel()) {
            return channel.queueDeclarePassive(name).getMessageCount();
        }
    }

    private MimeMessage awaitMailTo(String email) {
        return await().atMost(PATIENCE).until(() -> mailsTo(email), l -> !l.isEmpty()).get(0);
    }

    private List<MimeMessage> mailsTo(String email) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : stack.mailCatcher().received()) {
            if (m.getAllRecipients() != null && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(email)) {
                to.add(m);
            }
        }
        return to;
    }

    /** An SMTP server that accepts connections and never says a word: a mail sent to it hangs until its timeout. */
    private static final class BlackHoleSmtp implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        BlackHoleSmtp() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        held.add(server.accept());
                    }
                } catch (IOException closed) {
                    // closed by close()
                }
            }, "black-hole-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}

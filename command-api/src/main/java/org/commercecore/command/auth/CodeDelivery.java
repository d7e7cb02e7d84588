package org.commercecore.command.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.commercecore.command.users.User;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.tasks.CodeMailTask;
import org.commercecore.platform.tasks.CodeMailTask.Purpose;
import org.commercecore.platform.tasks.TaskPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues a one-time code and queues the task that mails it. The code is stored before the task is
 * queued and taken back when the broker does not take the task, so a code that cannot arrive does
 * not linger. (When the confirm only times out, the broker may still have the task: its mail then
 * carries a code that no longer works, and the client asks for another.)
 */
public final class CodeDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(CodeDelivery.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final OneTimeCodes codes;
    private final TaskPublisher publisher;

    /** Codes issued, by purpose and result: queued (the mail task is on the queue) or not_queued (503, code withdrawn). */
    static final String SENDS_METER = "commerce.codes.sends";
    private final MeterRegistry meters;

    public CodeDelivery(OneTimeCodes codes, TaskPublisher publisher, MeterRegistry meters) {
        this.codes = codes;
        this.publisher = publisher;
        this.meters = meters;
    }

    public OneTimeCodes codes() {
        return codes;
    }

    /** A new code for {@code purpose}, mailed to the account's e-mail; 503 when the mail task cannot be queued. */
    public void send(Purpose purpose, User account) {
        OneTimeCodes.Issued issued = codes.issue(purpose, account.id(), account.email());
        // an account without a display name is greeted by its address
        String name = account.displayName() == null || account.displayName().isBlank() ? account.email() : account.displayName();
        CodeMailTask task = new CodeMailTask(UUID.randomUUID().toString(), purpose, account.email(), name, issued.code(),
                issued.expiresAt());
        try {
            publisher.publish(task.taskId(), CodeMailTask.TYPE, task.toJson());
        } catch (TaskPublisher.NotQueued e) {
            codes.withdraw(purpose, account.id(), account.email(), issued);
            count(purpose, "not_queued");
            LOG.warn("the {} code for account {} was not queued: {}", purpose, account.id(), e.getMessage());
            throw ProblemException.unavailable("the code could not be sent just now; try again shortly", RETRY_AFTER);
        }
        count(purpose, "queued");
        LOG.info("queued {} for account {}", task, account.id());
    }

    private void count(Purpose purpose, String result) {
        meters.counter(SENDS_METER, "purpose", purpose.name().toLowerCase(Locale.ROOT), "result", result).increment();
    }

    /**
     * Sends a code as {@link #send} does, but what stops it (the broker, Redis) is only logged: the
     * request that asked for it succeeds without it, and the client asks again.
     */
    public void trySend(Purpose purpose, User account) {
        try {
            send(purpose, account);
        } catch (RuntimeException e) {
            LOG.warn("no {} code for account {}: {}", purpose, account.id(), e.getMessage());
        }
    }

    /** {@link #trySend}, counted against the e-mail's send limit (a registration, an e-mail change). */
    public void trySendWithinLimit(Purpose purpose, User account) {
        try {
            codes.admitSend(purpose, account.email());
        } catch (OneTimeCodes.SendLimitReached e) {
            LOG.info("no {} code for account {}: the send limit of its e-mail is reached", purpose, account.id());
            return;
        }
        trySend(purpose, account);
    }
}

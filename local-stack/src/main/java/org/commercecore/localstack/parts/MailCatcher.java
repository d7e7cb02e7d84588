package org.commercecore.localstack.parts;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server that keeps every mail instead of sending it on (GreenMail, in the stack's
 * JVM), on loopback, with an IMAP server to read them: log in as the recipient's address with any
 * password. What the notifications app sends in the local stack ends here, never on the internet.
 * It keeps mail in memory, so it keeps at most {@link #KEEPS} messages: a benchmark's hundred
 * thousand orders would otherwise fill the stack's heap; past the limit it empties itself.
 */
public final class MailCatcher implements Part {
    static final int KEEPS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MailCatcher.class);

    private final GreenMail mail;
    private final int keeps;
    private final ScheduledExecutorService trim = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-catcher-trim");
        t.setDaemon(true);
        return t;
    });
    private final int smtpPort;
    private final int imapPort;

    private MailCatcher(GreenMail mail, int keeps, Duration trimEvery) {
        this.mail = mail;
        this.keeps = keeps;
        this.smtpPort = mail.getSmtp().getPort();
        this.imapPort = mail.getImap().getPort();
        trim.scheduleWithFixedDelay(this::trim, trimEvery.toMillis(), trimEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void trim() {
        int held = mail.getReceivedMessages().length;
        if (held > keeps) {
            try {
                mail.purgeEmailFromAllMailboxes();
                LOG.info("mail catcher emptied: it held {} mails, more than the {} it keeps", held, keeps);
            } catch (FolderException e) {
                LOG.warn("mail catcher could not empty itself: {}", e.getMessage());
            }
        }
    }

    /** On these ports; 0 for a port the system picks (a test stack, which never restarts its catcher). */
    public static MailCatcher start(int smtpPort, int imapPort) {
        return start(smtpPort, imapPort, KEEPS, Duration.ofSeconds(10));
    }

    static MailCatcher start(int smtpPort, int imapPort, int keeps, Duration trimEvery) {
        GreenMail mail = new GreenMail(new ServerSetup[] {setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, ServerSetup.PROTOCOL_IMAP)})
                // a catcher: any login reads the mailbox of the address it names
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        return new MailCatcher(mail, keeps, trimEvery);
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every mail received so far, in arrival order. */
    public List<MimeMessage> received() {
        return List.of(mail.getReceivedMessages());
    }

    /** The subject of every mail to {@code address} so far, in arrival order. */
    public List<String> subjectsTo(String address) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessagesForDomain(address)) {
            try {
                subjects.add(m.getSubject());
            } catch (MessagingException e) {
                subjects.add("(unreadable: " + e.getMessage() + ")");
            }
        }
        return subjects;
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String address() {
        return "smtp://127.0.0.1:" + smtpPort + ", imap://127.0.0.1:" + imapPort
                + " (read a recipient's mail over IMAP: login = their address, any password)";
    }

    @Override
    public void close() {
        trim.shutdownNow();
        mail.stop();
    }
}

package org.commercecore.localstack.parts;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server that keeps every mail instead of sending it on (GreenMail, in the stack's
 * JVM), on loopback, with an IMAP server to read them: log in as the recipient's address with any
 * password. What the notifications app sends in the local stack ends here, never on the internet.
 */
public final class MailCatcher implements Part {
    private final GreenMail mail;
    private final int smtpPort;
    private final int imapPort;

    private MailCatcher(GreenMail mail) {
        this.mail = mail;
        this.smtpPort = mail.getSmtp().getPort();
        this.imapPort = mail.getImap().getPort();
    }

    /** On these ports; 0 for a port the system picks (a test stack, which never restarts its catcher). */
    public static MailCatcher start(int smtpPort, int imapPort) {
        GreenMail mail = new GreenMail(new ServerSetup[] {setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, ServerSetup.PROTOCOL_IMAP)})
                // a catcher: any login reads the mailbox of the address it names
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        return new MailCatcher(mail);
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
        mail.stop();
    }
}

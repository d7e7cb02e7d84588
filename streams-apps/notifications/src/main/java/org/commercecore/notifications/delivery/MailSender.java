package org.commercecore.notifications.delivery;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import org.commercecore.platform.config.Hosts;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;

/**
 * Delivers EMAIL notifications over SMTP (Jakarta Mail): multipart/alternative with the plain text
 * the notification carries and the HTML {@link MailTemplates} renders. The Message-ID and an
 * {@code X-Commerce-Delivery-Id} header carry the notification id, so a mail sent twice (a retry
 * after a lost answer) is recognisable as one.
 */
public final class MailSender implements NotificationSender {
    public static final String DELIVERY_ID_HEADER = "X-Commerce-Delivery-Id";

    private final Session session;
    private final InternetAddress from;
    private final MailTemplates templates;
    private final Semaphore open;

    public MailSender(DeliverySettings.Smtp smtp, MailTemplates templates) {
        if (smtp.security() == DeliverySettings.SmtpSecurity.NONE && smtp.username().isPresent() && !Hosts.isLoopback(smtp.host())) {
            throw new IllegalArgumentException("an SMTP login to " + smtp.host() + " would cross the network in clear text:"
                    + " set COMMERCE_NOTIFICATIONS_SMTP_SECURITY to starttls or tls");
        }
        this.session = session(smtp);
        try {
            this.from = new InternetAddress(smtp.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("the sender address " + smtp.from() + " is not an address: " + e.getMessage(), e);
        }
        this.templates = templates;
        this.open = new Semaphore(smtp.concurrency(), true);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /**
     * One mail: {@code id} becomes its Message-ID and {@code X-Commerce-Delivery-Id} (a mail sent
     * twice is recognisable as one); plain text first, then the HTML alternative.
     */
    public record Mail(String id, String to, String subject, String text, String html) {
        @Override
        public String toString() {
            return "Mail[" + id + "]"; // never the address or the content: a code mail carries the code
        }
    }

    @Override
    public void send(Notification notification) throws DeliveryFailure {
        send(new Mail(notification.getNotificationId(), notification.getRecipient(), notification.getSubject(), notification.getBody(),
                templates.html(notification)));
    }

    /** Sends {@code mail}; a failure says whether trying again may succeed. */
    public void send(Mail mail) throws DeliveryFailure {
        MimeMessage message;
        try {
            message = message(mail);
        } catch (AddressException e) {
            // the address itself stays out of the reason: reasons are logged and kept in outcomes and dead letters
            throw new DeliveryFailure("the recipient is not an e-mail address", false, e);
        } catch (MessagingException e) {
            throw new DeliveryFailure("the mail could not be composed: " + e.getMessage(), false, e);
        }
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted while waiting for the SMTP server", true, e);
        }
        try {
            Transport.send(message);
        } catch (SendFailedException e) {
            throw refused(e);
        } catch (MessagingException e) {
            throw new DeliveryFailure("SMTP failed: " + e.getMessage(), true, e);
        } finally {
            open.release();
        }
    }

    /**
     * A refusal by its SMTP reply code: 4xx is temporary (greylisting, a full mailbox, a busy server)
     * and is retried; 5xx is permanent. Without a code (a client-side check), a refused address is
     * permanent and anything else temporary.
     */
    static DeliveryFailure refused(SendFailedException e) {
        int code = replyCode(e);
        boolean retryable = code > 0 ? code < 500 : e.getInvalidAddresses() == null || e.getInvalidAddresses().length == 0;
        return new DeliveryFailure("the SMTP server refused the mail" + (code > 0 ? " (" + code + ")" : ""), retryable, e);
    }

    private static int replyCode(Exception e) {
        for (Exception cause = e; cause != null;
             cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (cause instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
        }
        return -1;
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        String messageId = "<" + mail.id() + "@commerce-core>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setHeader(DELIVERY_ID_HEADER, mail.id());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html); // plainest first (RFC 2046)
        message.setContent(alternative);
        return message;
    }

    private static Session session(DeliverySettings.Smtp smtp) {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        String timeout = Long.toString(smtp.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        switch (smtp.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        if (smtp.username().isEmpty()) {
            return Session.getInstance(p);
        }
        p.put("mail.smtp.auth", "true");
        String user = smtp.username().get();
        String password = smtp.password().orElse("");
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
    }
}

package org.commercecore.localstack.parts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends a plain mail to an SMTP server on loopback, as an app of the stack would. */
public final class TestMail {
    private TestMail() {
    }

    public static void send(int smtpPort, String to, String subject) throws MessagingException {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom("test@example.org");
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("the mail catcher keeps this");
        Transport.send(message);
    }
}

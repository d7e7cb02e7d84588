package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailCatcherTest {
    @Test
    void itKeepsWhatItReceivesAndEmptiesItselfPastItsLimit() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(0, 0, 3, Duration.ofMillis(200))) {
            for (int i = 1; i <= 3; i++) {
                send(catcher.smtpPort(), "ada@example.org", "mail " + i);
            }
            assertThat(catcher.subjectsTo("ada@example.org")).containsExactly("mail 1", "mail 2", "mail 3");
            assertThat(catcher.address()).contains("imap://127.0.0.1:");

            send(catcher.smtpPort(), "ada@example.org", "mail 4");
            await().atMost(Duration.ofSeconds(10)).until(() -> catcher.received().isEmpty());
            send(catcher.smtpPort(), "ada@example.org", "mail 5");
            assertThat(catcher.subjectsTo("ada@example.org")).containsExactly("mail 5");
        }
    }

    private static void send(int port, String to, String subject) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom("test@example.org");
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("body");
        Transport.send(message);
    }
}

package org.commercecore.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.commercecore.schemas.notifications.Channel;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.commercecore.schemas.notifications.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail adapter against a real SMTP server (GreenMail) on loopback. */
class MailSenderTest {
    private GreenMail mail;
    private MailSender sender;

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        sender = new MailSender(smtp(port), new MailTemplates());
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void theMailHasTheTextAsSentAndAnHtmlPartWithEveryUserSuppliedCharacterEscaped() throws Exception {
        Notification n = Notifications.of(Channel.EMAIL, "ada@example.org",
                "Hello <script>alert('x')</script> & \"friends\",\n\nyour order o-1 is confirmed.\nSee you soon.\n");

        sender.send(n);

        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Your order o-1 is confirmed");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
        assertThat(received.getHeader(MailSender.DELIVERY_ID_HEADER)[0]).isEqualTo(n.getNotificationId());
        assertThat(received.getMessageID()).isEqualTo("<" + n.getNotificationId() + "@commerce-core>");
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat(text.getContent().toString().replace("\r\n", "\n")).isEqualTo(n.getBody());
        assertThat(html.getContentType()).startsWith("text/html");
        String markup = html.getContent().toString();
        assertThat(markup).doesNotContain("<script>").doesNotContain("alert('x')")
                .contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;,")
                .contains("your order o-1 is confirmed.<br>See you soon.")
                .contains("<title>Your order o-1 is confirmed</title>");
    }

    @Test
    void aRecipientThatIsNotAnAddressCannotBeRetried() {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> sender.send(Notifications.of(Channel.EMAIL, "not an address", "body")));
        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void anSmtpServerThatIsDownIsARetryableFailure() throws Exception {
        mail.stop();
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> sender.send(Notifications.of(Channel.EMAIL, "ada@example.org", "body")));
        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isTrue();
        mail.start(); // for stop()
    }

    @Test
    void aTemporaryRefusalIsRetriedAPermanentOneIsNot() throws Exception {
        InternetAddress ada = new InternetAddress("ada@example.org");
        Address[] none = {};
        SendFailedException greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.org>", 450, "450 greylisted, try later"),
                none, new Address[] {ada}, none);
        SendFailedException noSuchUser = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.org>", 550, "550 no such user"),
                none, none, new Address[] {ada});
        SendFailedException busyAtData = new SMTPSendFailedException("DATA", 451, "451 local error", null, none, new Address[] {ada},
                none);
        SendFailedException rejectedContent = new SMTPSendFailedException("DATA", 554, "554 rejected", null, none, none,
                new Address[] {ada});

        assertThat(MailSender.refused(greylisted).retryable()).isTrue();
        assertThat(MailSender.refused(busyAtData).retryable()).isTrue();
        assertThat(MailSender.refused(noSuchUser).retryable()).isFalse();
        assertThat(MailSender.refused(rejectedContent).retryable()).isFalse();
        assertThat(MailSender.refused(noSuchUser).getMessage()).isEqualTo("the SMTP server refused the mail (550)")
                .doesNotContain("ada@example.org");
    }

    @Test
    void aLoginInClearTextToAnotherHostIsRefusedAtStart() {
        DeliverySettings.Smtp remote = new DeliverySettings.Smtp("smtp.example.org", 25, DeliverySettings.SmtpSecurity.NONE,
                Optional.of("shop"), Optional.of("secret"), "Shop <shop@example.org>", 2, Duration.ofSeconds(5));
        assertThatThrownBy(() -> new MailSender(remote, new MailTemplates())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clear text").hasMessageNotContaining("secret");
    }

    private static DeliverySettings.Smtp smtp(int port) {
        return new DeliverySettings.Smtp("127.0.0.1", port, DeliverySettings.SmtpSecurity.NONE, Optional.empty(), Optional.empty(),
                "Shop <shop@example.org>", 2, Duration.ofSeconds(5));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailCatcherTest {
    @Test
    void itKeepsWhatItReceivesAndEmptiesItselfPastItsLimit() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(0, 0, 3, Duration.ofMillis(200))) {
            for (int i = 1; i <= 3; i++) {
                TestMail.send(catcher.smtpPort(), "ada@example.org", "mail " + i);
            }
            assertThat(catcher.subjectsTo("ada@example.org")).containsExactly("mail 1", "mail 2", "mail 3");
            assertThat(catcher.address()).contains("imap://127.0.0.1:");

            TestMail.send(catcher.smtpPort(), "ada@example.org", "mail 4");
            await().atMost(Duration.ofSeconds(10)).until(() -> catcher.received().isEmpty());
            TestMail.send(catcher.smtpPort(), "ada@example.org", "mail 5");
            assertThat(catcher.subjectsTo("ada@example.org")).containsExactly("mail 5");
        }
    }
}

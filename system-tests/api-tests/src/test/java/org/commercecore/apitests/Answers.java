package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** What every answer to a generated request must be, whatever was sent. */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    private static int status(String problem) {
        try {
            return JSON.readTree(problem).path("status").asInt(-1);
        } catch (IOException notJson) {
            return -1;
        }
    }

    /**
     * Never a 5xx; an error is problem+json with a request id and a status matching the body's; a
     * refused request wrote nothing.
     */
    static void wellBehaved(Object sent, Http.Reply reply, Map<String, String> before, Map<String, String> after) {
        assertThat(reply.status()).as("%s answered %s", sent, reply.body()).isLessThan(500);
        assertThat(reply.requestId()).as("%s: X-Request-Id", sent).isNotBlank();
        if (reply.status() >= 400) {
            assertThat(reply.isProblem()).as("%s: %d is problem+json, not %s: %s", sent, reply.status(), reply.contentType(), reply.body())
                    .isTrue();
            assertThat(status(reply.body())).as("%s: the problem's status", sent).isEqualTo(reply.status());
            assertThat(reply.body()).as("%s: no class or library name in the problem", sent)
                    .doesNotContainPattern("(com|org|java|io)\\.[a-z]+\\.[A-Za-z]|Exception|START_(ARRAY|OBJECT)|VALUE_[A-Z]+|SQLSTATE");
            if (before != null) {
                assertThat(after).as("%s was refused with %d: PostgreSQL unchanged", sent, reply.status()).isEqualTo(before);
            }
        }
    }
}

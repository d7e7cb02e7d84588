package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle of the property tests refuses each way an answer can be wrong. */
class AnswersTest {
    private static final Map<String, String> BEFORE = Map.of("users", "1:abc");

    private static Http.Reply reply(int status, String type, String id, String body) {
        return new Http.Reply(status, type, id, body);
    }

    @Test
    void aCleanRefusalPasses() {
        assertThatCode(() -> Answers.wellBehaved("x", reply(400, "application/problem+json", "r-1",
                "{\"title\":\"Bad\",\"status\":400,\"detail\":\"email: not an address\"}"), BEFORE, BEFORE)).doesNotThrowAnyException();
    }

    @Test
    void everyWayOfGettingItWrongFails() {
        String problem = "{\"status\":400}";
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(500, "application/problem+json", "r", "{\"status\":500}"), null, null))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(400, "text/html", "r", problem), null, null)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(400, "application/problem+json", null, problem), null, null))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(400, "application/problem+json", "r", "{\"status\":404}"), null, null))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(400, "application/problem+json", "r",
                "{\"status\":400,\"detail\":\"Cannot deserialize org.commercecore.command.users.Users$Registration from START_ARRAY\"}"),
                null, null)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Answers.wellBehaved("x", reply(422, "application/problem+json", "r", "{\"status\":422}"), BEFORE,
                Map.of("users", "2:def"))).as("a refused request that wrote").isInstanceOf(AssertionError.class);
    }
}

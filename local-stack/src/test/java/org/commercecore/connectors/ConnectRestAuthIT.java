package org.commercecore.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.commercecore.localstack.ConnectCredentials;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connect's REST API is protected by Kafka's basic-auth extension on every worker the stack starts
 * (here the test stack's, with the login it made up): anonymous and wrong callers are refused, the
 * operator tool gets in with the login.
 */
@ExtendWith(LocalStackExtension.class)
class ConnectRestAuthIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStacksWorkerRefusesAnonymousAndWrongCallersAndLetsTheToolIn(StackAddresses stack) throws Exception {
        ConnectCredentials login = stack.connectCredentials().orElseThrow();

        HttpRequest anonymous = HttpRequest.newBuilder(stack.connectUrl().resolve("/connectors")).GET().build();
        assertThat(http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest wrong = HttpRequest.newBuilder(stack.connectUrl().resolve("/connectors"))
                .header("Authorization", new ConnectCredentials(login.user(), login.password() + "x").authorizationHeader()).GET().build();
        assertThat(http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(stack.connectRequest("/connectors").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        assertThat(tool(stack.connectToolEnvironment(), "list")).as("the tool with the login").isZero();
        Map<String, String> wrongPassword = new HashMap<>(stack.connectToolEnvironment());
        wrongPassword.put("COMMERCE_CONNECT_PASSWORD", "wrong");
        assertThat(tool(wrongPassword, "list")).as("a wrong password is refused").isEqualTo(1);
        assertThat(tool(Map.of("COMMERCE_CONNECT_URL", stack.connectUrl().toString()), "list")).as("no login is refused").isEqualTo(1);
    }

    private static int tool(Map<String, String> environment, String... args) {
        return ConnectorsTool.run(List.of(args), new ConfigSource(environment, new Properties()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }
}

package org.commercecore.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside dev, Connect's REST API is protected by Kafka's basic-auth extension: a worker started
 * with credentials refuses anonymous and wrong callers, and the operator tool gets in with them.
 */
@ExtendWith(LocalStackExtension.class)
class ConnectRestAuthIT {
    private static final String USER = "operator";
    private static final String PASSWORD = "test-only-password";

    @Test
    void aWorkerWithCredentialsRefusesAnonymousCallsAndLetsTheToolIn(StackAddresses stack, @TempDir Path dir) throws Exception {
        int port = FreePorts.one();
        Path log = dir.resolve("worker.log");
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dcommerce.home=" + StackSettings.findHome(), "-cp", System.getProperty("java.class.path"),
                ProtectedWorkerMain.class.getName(), stack.kafkaBootstrapServers(), String.valueOf(port), USER, PASSWORD,
                dir.resolve("credentials").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> !worker.isAlive() || Files.readString(log).contains("protected worker ready"));
            assertThat(worker.isAlive()).as("protected worker running; its log: %s", log).isTrue();
            String url = "http://127.0.0.1:" + port;

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/connectors")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(tool(url, PASSWORD, "list")).as("the tool with the credentials").isZero();
            assertThat(tool(url, "wrong", "list")).as("a wrong password is refused").isEqualTo(1);
        } finally {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
    }

    private static int tool(String url, String password, String... args) {
        ConfigSource source = new ConfigSource(Map.of("COMMERCE_CONNECT_URL", url, "COMMERCE_CONNECT_USER", USER,
                "COMMERCE_CONNECT_PASSWORD", password), new Properties());
        return ConnectorsTool.run(List.of(args), source, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}

package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An app's readiness wait against a stand-in readiness endpoint, with a {@code sleep} as the app's process. */
class ChildProcessTest {
    private HttpServer server;
    private Process app;
    private final AtomicInteger answers = new AtomicInteger();
    private volatile int readyAfter = Integer.MAX_VALUE;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/ready", exchange -> {
            boolean ready = answers.incrementAndGet() > readyAfter;
            byte[] body = (ready ? "{\"status\":\"UP\",\"checks\":{}}" : ReadinessTest.RESTORING).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        app = new ProcessBuilder("sleep", "600").start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        app.destroyForcibly();
    }

    private URI ready() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
    }

    @Test
    void aWaitThatGivesUpNamesTheLastReadinessFailingChecksAndStopsTheApp() {
        assertThatThrownBy(() -> ChildProcess.awaitReady("commerce-notifications", app, ready(), Duration.ofSeconds(1),
                Path.of("app.log"), Duration.ofSeconds(5)))
                .hasMessageContaining("commerce-notifications")
                .hasMessageContaining("did not become ready within 1 s")
                .hasMessageContaining("streams: REBALANCING; state: 4 store partition(s) restoring, 114 record(s) to go")
                .hasMessageContaining("app.log");
        assertThat(app.isAlive()).isFalse();
    }

    @Test
    void returnsOnceReady() {
        readyAfter = 3;

        ChildProcess.awaitReady("commerce-notifications", app, ready(), Duration.ofSeconds(30), Path.of("app.log"),
                Duration.ofSeconds(5));

        assertThat(answers.get()).isEqualTo(4);
        assertThat(app.isAlive()).isTrue();
    }
}

package org.commercecore.connectors.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.commercecore.connectors.ConnectClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connect's {@code /connectors?expand=status} answers, as Connect writes them, turned into gauges. */
class ConnectorStatusTest {
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final HttpServer connect = serve();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectorStatus status = new ConnectorStatus(
            new ConnectClient(URI.create("http://127.0.0.1:" + connect.getAddress().getPort()), "operator", "dev-only"), meters);

    @AfterEach
    void stop() {
        connect.stop(0);
    }

    @Test
    void everyStateOfEveryConnectorIsWrittenAndTasksAreCountedByState() {
        answer.set("""
                {"source": {"status": {"name": "source", "connector": {"state": "RUNNING", "worker_id": "w:8083"},
                   "tasks": [{"id": 0, "state": "FAILED", "trace": "boom"}, {"id": 1, "state": "RUNNING"}], "type": "source"}},
                 "sink": {"status": {"name": "sink", "connector": {"state": "PAUSED"}, "tasks": [{"id": 0, "state": "PAUSED"}], "type": "sink"}}}""");
        status.poll();

        assertThat(gauge("commerce.connect.up")).isEqualTo(1);
        assertThat(gauge("commerce.connect.connector.state", "source", "running")).isEqualTo(1);
        assertThat(gauge("commerce.connect.connector.state", "source", "failed")).isZero();
        assertThat(gauge("commerce.connect.connector.state", "sink", "paused")).isEqualTo(1);
        assertThat(gauge("commerce.connect.tasks", "source", "failed")).isEqualTo(1);
        assertThat(gauge("commerce.connect.tasks", "source", "running")).isEqualTo(1);
        assertThat(gauge("commerce.connect.tasks", "sink", "failed")).isZero();
        assertThat(meters.find("commerce.connect.tasks").gauges()).hasSize(2 * ConnectorStatus.STATES.size());

        // the source is deleted, the sink resumed: the next poll shows only what Connect has now
        answer.set("""
                {"sink": {"status": {"name": "sink", "connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}}}""");
        status.poll();
        assertThat(meters.find("commerce.connect.tasks").tag("connector", "source").gauges()).isEmpty();
        assertThat(gauge("commerce.connect.tasks", "sink", "running")).isEqualTo(1);
        assertThat(gauge("commerce.connect.connector.state", "sink", "paused")).isZero();
    }

    @Test
    void connectNotAnsweringDropsUpAndKeepsTheLastStates() {
        answer.set("""
                {"sink": {"status": {"name": "sink", "connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}}}""");
        status.poll();
        connect.stop(0);

        assertThatThrownBy(status::poll).isInstanceOf(RuntimeException.class);
        assertThat(gauge("commerce.connect.up")).isZero();
        assertThat(gauge("commerce.connect.tasks", "sink", "running")).isEqualTo(1);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double gauge(String name, String connector, String state) {
        return meters.get(name).tag("connector", connector).tag("state", state).gauge().value();
    }

    private HttpServer serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/connectors", exchange -> {
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.commercecore.localstack.parts.ConnectWorker;
import org.commercecore.platform.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The local stack itself: every part healthy and usable, the platform prepared (BACKWARD rule,
 * schemas, topics), a clean stop that leaves no process and no port behind, and a restart that
 * keeps the data.
 */
class LocalStackLifecycleIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void startsEveryPartStopsCleanlyAndKeepsDataAcrossARestart() throws Exception {
        Path runDir = Path.of("target", "local-stack-lifecycle").toAbsolutePath();
        int kafkaPort = freePortPair();
        StackSettings fresh = StackSettings.embedded(StackSettings.findHome(), runDir, kafkaPort, freePort(), freePort(),
                freePort(), freePort());

        Set<Long> children;
        try (LocalStack stack = LocalStack.start(fresh, LocalStack.defaultTopics())) {
            StackAddresses at = stack.addresses();
            assertThat(stack.parts()).extracting(p -> p.name())
                    .containsExactlyInAnyOrder("kafka", "schema-registry", "postgresql", "redis", "kafka-connect");
            assertThat(stack.parts()).allSatisfy(p -> assertThat(p.origin()).isEqualTo("embedded"));

            try (Admin admin = admin(at)) {
                assertThat(admin.listTopics().names().get()).containsAll(
                        Topics.domain().stream().map(t -> t.name()).toList());
                admin.createTopics(List.of(new NewTopic("lifecycle.kept.v1", 1, (short) 1))).all().get();
            }
            assertThat(get(at.registryUrl() + "/apis/ccompat/v7/config")).contains("BACKWARD");
            assertThat(get(at.registryUrl() + "/apis/ccompat/v7/subjects")).contains(Topics.ORDER_EVENTS.valueSubject());
            assertThat(get(at.connectUrl() + "/connector-plugins?connectorsOnly=false")).contains(ConnectWorker.POSTGRES_CONNECTOR)
                    .contains("io.apicurio.registry.utils.converter.AvroConverter");
            try (Connection db = DriverManager.getConnection(at.postgresJdbcUrl(), at.postgresUser(), at.postgresPassword());
                 Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SHOW wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            assertThat(redisPing(at)).isTrue();
            children = childPids(runDir);
            assertThat(children).as("registry JVM, Redis and PostgreSQL are recorded").hasSizeGreaterThanOrEqualTo(3);
        }

        assertThat(children).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d still alive after stop", pid).isFalse());
        assertThat(portFree(kafkaPort)).as("Kafka port released").isTrue();

        StackSettings restart = new StackSettings(fresh.home(), runDir, false, fresh.kafka(), fresh.registry(),
                fresh.postgres(), "postgres", "postgres", fresh.redis(), fresh.connect());
        try (LocalStack again = LocalStack.start(restart, LocalStack.defaultTopics()); Admin admin = admin(again.addresses())) {
            assertThat(admin.listTopics().names().get()).contains("lifecycle.kept.v1");
            String ids = get(again.addresses().registryUrl() + "/apis/ccompat/v7/subjects/"
                    + Topics.ORDER_EVENTS.valueSubject() + "/versions");
            assertThat(json.readTree(ids).size()).as("re-registering the same schema adds no version").isEqualTo(1);
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static Admin admin(StackAddresses at) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, at.kafkaBootstrapServers()));
    }

    private static boolean redisPing(StackAddresses at) throws IOException {
        try (var socket = new java.net.Socket(at.redisUrl().getHost(), at.redisUrl().getPort())) {
            socket.getOutputStream().write("PING\r\n".getBytes());
            return new String(socket.getInputStream().readNBytes(7)).equals("+PONG\r\n");
        }
    }

    private static Set<Long> childPids(Path runDir) throws IOException {
        return java.nio.file.Files.readAllLines(runDir.resolve("children.pids")).stream().filter(l -> !l.isBlank())
                .map(Long::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static boolean portFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePortPair() {
        for (int i = 0; i < 50; i++) {
            int port = freePort();
            if (portFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }
}

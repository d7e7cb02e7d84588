package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.commercecore.database.CommitDurability;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.ConnectWorker;
import org.commercecore.localstack.parts.Ports;
import org.commercecore.localstack.parts.RedisPing;
import org.commercecore.localstack.parts.TestMail;
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
        int kafkaPort = FreePorts.pair();
        StackSettings fresh = StackSettings.embedded(StackSettings.findHome(), runDir, kafkaPort, FreePorts.one(),
                FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one());

        Set<Long> children;
        ConnectCredentials login;
        try (LocalStack stack = LocalStack.start(fresh, LocalStack.defaultTopics())) {
            StackAddresses at = stack.addresses();
            assertThat(stack.parts()).extracting(p -> p.name())
                    .containsExactlyInAnyOrder("kafka", "schema-registry", "postgresql", "redis", "kafka-connect", "mail", "amqp-broker");
            assertThat(stack.parts()).allSatisfy(p -> assertThat(p.origin()).isEqualTo("embedded"));
            TestMail.send(stack.mailCatcher().smtpPort(), "someone@example.org", "caught");
            assertThat(stack.mailCatcher().subjectsTo("someone@example.org")).containsExactly("caught");

            try (Admin admin = admin(at)) {
                assertThat(admin.listTopics().names().get()).containsAll(
                        Topics.domain().stream().map(t -> t.name()).toList());
                admin.createTopics(List.of(new NewTopic("lifecycle.kept.v1", 1, (short) 1))).all().get();
            }
            assertThat(get(at.registryUrl() + "/apis/ccompat/v7/config")).contains("BACKWARD");
            assertThat(get(at.registryUrl() + "/apis/ccompat/v7/subjects")).contains(Topics.ORDER_EVENTS.valueSubject());
            assertThat(get(at.connectRequest("/connector-plugins?connectorsOnly=false"))).contains(ConnectWorker.POSTGRES_CONNECTOR)
                    .contains("io.apicurio.registry.utils.converter.AvroConverter");
            assertThat(status(HttpRequest.newBuilder(at.connectUrl().resolve("/connectors")))).as("Connect without its login")
                    .isEqualTo(401);
            login = at.connectCredentials().orElseThrow();
            try (Connection db = DriverManager.getConnection(at.postgresJdbcUrl(), at.postgresUser(), at.postgresPassword());
                 Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SHOW wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
                assertThat(CommitDurability.problems(db)).as("commits on disk before they are acknowledged").isEmpty();
                sql.execute("SET synchronous_commit = off");
                assertThat(CommitDurability.problems(db)).as("a session that turned it off is caught")
                        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("synchronous_commit is off");
            }
            assertThat(RedisPing.pong(at.redisUrl().getHost(), at.redisUrl().getPort())).isTrue();
            children = recordedPids(runDir);
            assertThat(children).as("the Kafka broker, registry JVM, Redis, PostgreSQL and the AMQP broker are recorded as they start")
                    .hasSize(5);
        }

        assertThat(children).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d still alive after stop", pid).isFalse());
        assertThat(Ports.isFree(kafkaPort)).as("Kafka port released").isTrue();
        assertThat(runDir.resolve("processes")).as("a clean stop leaves nothing to clean up").doesNotExist();

        try (LocalStack again = LocalStack.start(fresh.keepingData(), LocalStack.defaultTopics());
             Admin admin = admin(again.addresses())) {
            assertThat(admin.listTopics().names().get()).contains("lifecycle.kept.v1");
            String ids = get(again.addresses().registryUrl() + "/apis/ccompat/v7/subjects/"
                    + Topics.ORDER_EVENTS.valueSubject() + "/versions");
            assertThat(json.readTree(ids).size()).as("re-registering the same schema adds no version").isEqualTo(1);
            assertThat(again.addresses().connectCredentials()).as("the login kept with the data").contains(login);
            // a second worker in this JVM, with the same login: the JVM's JAAS login follows the stacks
            assertThat(get(again.addresses().connectRequest("/connectors"))).isNotNull();
        }
    }

    private String get(String url) throws Exception {
        return get(HttpRequest.newBuilder(java.net.URI.create(url)));
    }

    private String get(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(built.uri().toString()).isEqualTo(200);
        return response.body();
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Admin admin(StackAddresses at) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, at.kafkaBootstrapServers()));
    }

    private static Set<Long> recordedPids(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("processes")).stream().filter(l -> !l.isBlank())
                .map(l -> Long.valueOf(l.split(" ")[1])).collect(Collectors.toSet());
    }
}

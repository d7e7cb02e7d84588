package org.commercecore.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operator tool against a real Connect worker with Debezium and a real PostgreSQL. */
@ExtendWith(LocalStackExtension.class)
class ConnectorsToolIT {
    private static final String NAME = "tool-probe";

    @Test
    void appliesIdempotentlyAndPausesResumesRestartsAndResetsOffsets(StackAddresses stack, @TempDir Path dir) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE tool_probe (id bigint PRIMARY KEY, note text)");
            sql.execute("ALTER TABLE tool_probe REPLICA IDENTITY FULL");
        }
        Files.writeString(dir.resolve("10-tool-probe.json"), """
                {"name": "%s", "config": {
                  "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                  "database.hostname": "%s", "database.port": "%d", "database.user": "%s",
                  "database.password": "%s", "database.dbname": "%s",
                  "plugin.name": "pgoutput", "slot.name": "tool_probe", "slot.drop.on.stop": "true",
                  "publication.name": "tool_probe", "publication.autocreate.mode": "filtered",
                  "table.include.list": "public.tool_probe", "topic.prefix": "toolprobe",
                  "topic.creation.default.replication.factor": "1", "topic.creation.default.partitions": "1"}}
                """.formatted(NAME, stack.postgresHost(), stack.postgresPort(), stack.postgresUser(), stack.postgresPassword(),
                stack.postgresDatabase()));
        // the variables an operator sets: the URL and the stack's Connect login
        ConfigSource source = new ConfigSource(stack.connectToolEnvironment(), new Properties());
        ConnectClient connect = ConnectorsTool.client(source);

        assertThat(tool(source, "apply", dir.toString())).contains("created " + NAME);
        assertThat(tool(source, "apply", dir.toString())).as("applying again changes nothing").contains("updated " + NAME);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(connect).equals("RUNNING"));

        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO tool_probe VALUES (1, 'first')");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> connect.offsets(NAME).path("offsets").size() > 0);
        assertThat(tool(source, "offsets", NAME)).contains("lsn");

        tool(source, "pause", NAME);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(connect).equals("PAUSED"));
        tool(source, "resume", NAME);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(connect).equals("RUNNING"));
        assertThat(tool(source, "restart", NAME)).as("nothing failed, so nothing restarts").contains("RUNNING");

        assertThat(tool(source, "reset-offsets", NAME)).contains("have been reset successfully");
        assertThat(connect.offsets(NAME).path("offsets").size()).isZero();
        assertThat(tool(source, "list")).contains(NAME);
        connect.delete(NAME);
    }

    private static String state(ConnectClient connect) {
        return connect.status(NAME).path("connector").path("state").asText();
    }

    private static String tool(ConfigSource source, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConnectorsTool.run(List.of(args), source, new PrintStream(out), new PrintStream(err));
        assertThat(code).as("connectors %s: %s", List.of(args), err).isZero();
        return out.toString();
    }
}

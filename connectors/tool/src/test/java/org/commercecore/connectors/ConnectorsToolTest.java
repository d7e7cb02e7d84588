package org.commercecore.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsToolTest {

    @Test
    void outsideDevTheConnectApiIsNeverCalledWithoutCredentials() {
        ConfigSource prod = new ConfigSource(Map.of("COMMERCE_PROFILE", "prod", "COMMERCE_CONNECT_URL", "http://connect:8083"),
                new Properties());
        assertThatThrownBy(() -> ConnectorsTool.client(prod)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMMERCE_CONNECT_USER");
        ConfigSource userWithoutPassword = new ConfigSource(Map.of("COMMERCE_PROFILE", "prod",
                "COMMERCE_CONNECT_URL", "http://connect:8083", "COMMERCE_CONNECT_USER", "ops"), new Properties());
        assertThatThrownBy(() -> ConnectorsTool.client(userWithoutPassword)).hasMessageContaining("COMMERCE_CONNECT_PASSWORD");
    }

    @Test
    void aCommandWithoutItsConnectorNameFailsWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConnectorsTool.run(List.of("status"), new ConfigSource(Map.of(), new Properties()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("needs a connector name");
        assertThat(ConnectorsTool.run(List.of(), new ConfigSource(Map.of(), new Properties()), System.out,
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    @Test
    void aConfigFileWithoutConnectorClassIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": \"broken\", \"config\": {\"tasks.max\": \"1\"}}");
        assertThatThrownBy(() -> ConnectorConfig.readAll(dir)).hasMessageContaining("broken.json")
                .hasMessageContaining("no connector.class");
    }

    @Test
    void configFilesAreReadInFileNameOrderWithValuesAsStrings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20-b.json"), "{\"name\": \"b\", \"config\": {\"connector.class\": \"B\", \"tasks.max\": 1}}");
        Files.writeString(dir.resolve("10-a.json"),
                "{\"name\": \"a\", \"config\": {\"connector.class\": \"A\", \"database.password\": \"${env:COMMERCE_POSTGRES_PASSWORD}\"}}");
        List<ConnectorConfig> configs = ConnectorConfig.readAll(dir);
        assertThat(configs).extracting(ConnectorConfig::name).containsExactly("a", "b");
        assertThat(configs.get(0).config()).containsEntry("database.password", "${env:COMMERCE_POSTGRES_PASSWORD}");
        assertThat(configs.get(1).config()).containsEntry("tasks.max", "1");
    }
}

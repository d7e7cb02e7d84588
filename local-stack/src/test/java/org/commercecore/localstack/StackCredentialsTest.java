package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCredentialsTest {
    private static final List<String> ALL = List.of(StackCredentials.TOKEN_SECRET, StackCredentials.ADMIN_PASSWORD,
            StackCredentials.CONNECT_USER, StackCredentials.CONNECT_PASSWORD, StackCredentials.PEER_SECRET, StackCredentials.AMQP_PASSWORD);
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path home;

    @Test
    void aFirstRunGeneratesEverySecretIntoAnOwnerOnlyFile() throws IOException {
        Path runDir = home.resolve("run");
        StackCredentials run = StackCredentials.forRun(runDir, StackCredentials.Given.none(), false, true, random);

        Path file = runDir.resolve("credentials.env");
        assertThat(run.file()).contains(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(runDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(lines(file)).containsOnlyKeys(ALL);
        for (String variable : ALL) {
            assertThat(run.value(variable)).as(variable).contains(lines(file).get(variable));
            assertThat(run.inFile(variable)).isTrue();
        }
        assertThat(run.value(StackCredentials.TOKEN_SECRET).orElseThrow()).as("base64url of 32 random bytes")
                .matches("[A-Za-z0-9_-]{43}").isNotEqualTo(run.value(StackCredentials.PEER_SECRET).orElseThrow());
        assertThat(run.value(StackCredentials.ADMIN_PASSWORD)).isNotEqualTo(
                org.commercecore.platform.config.PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD.devDefault());
        assertThat(run.connect()).contains(new ConnectCredentials("operator", lines(file).get(StackCredentials.CONNECT_PASSWORD)));
        assertThat(run.toString()).doesNotContain(run.value(StackCredentials.TOKEN_SECRET).orElseThrow());
    }

    @Test
    void aRunKeepingTheDataReusesTheSecretsAndFreshMakesNewOnes() throws IOException {
        Path runDir = home.resolve("run");
        StackCredentials first = StackCredentials.forRun(runDir, StackCredentials.Given.none(), true, true, random);
        String written = Files.readString(first.file().orElseThrow());

        StackCredentials kept = StackCredentials.forRun(runDir, StackCredentials.Given.none(), false, true, random);
        assertThat(Files.readString(kept.file().orElseThrow())).isEqualTo(written);
        for (String variable : ALL) {
            assertThat(kept.value(variable)).as(variable).isEqualTo(first.value(variable));
        }

        StackCredentials fresh = StackCredentials.forRun(runDir, StackCredentials.Given.none(), true, true, random);
        for (String variable : List.of(StackCredentials.TOKEN_SECRET, StackCredentials.ADMIN_PASSWORD,
                StackCredentials.CONNECT_PASSWORD, StackCredentials.PEER_SECRET)) {
            assertThat(fresh.value(variable)).as(variable).isNotEqualTo(first.value(variable));
        }
        assertThat(Files.getPosixFilePermissions(fresh.file().orElseThrow())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aGivenValueWinsAndIsNeverWrittenToTheFile() throws IOException {
        Path runDir = home.resolve("run");
        StackCredentials earlier = StackCredentials.forRun(runDir, StackCredentials.Given.none(), false, true, random);
        String given = "a-token-secret-given-explicitly-of-enough-length";
        StackCredentials.Given explicit = new StackCredentials.Given(Map.of(StackCredentials.TOKEN_SECRET, given,
                StackCredentials.CONNECT_USER, "ops", StackCredentials.CONNECT_PASSWORD, "ops-password"), true);

        StackCredentials run = StackCredentials.forRun(runDir, explicit, false, true, random);

        assertThat(run.value(StackCredentials.TOKEN_SECRET)).contains(given);
        assertThat(run.inFile(StackCredentials.TOKEN_SECRET)).isFalse();
        assertThat(run.connect()).contains(new ConnectCredentials("ops", "ops-password"));
        assertThat(run.value(StackCredentials.ADMIN_PASSWORD)).as("not given: kept").isEqualTo(earlier.value(StackCredentials.ADMIN_PASSWORD));
        assertThat(Files.readString(run.file().orElseThrow())).doesNotContain(given, "ops-password");
        assertThat(run.notices()).as("the kept values the given ones override").hasSize(2);

        Path other = home.resolve("other");
        StackCredentials onlyGiven = StackCredentials.forRun(other, explicit, false, true, random);
        assertThat(lines(onlyGiven.file().orElseThrow())).containsOnlyKeys(StackCredentials.ADMIN_PASSWORD, StackCredentials.PEER_SECRET,
                StackCredentials.AMQP_PASSWORD);
    }

    @Test
    void anExternalConnectGetsOnlyTheLoginGiven() {
        StackCredentials run = StackCredentials.forRun(home.resolve("run"), StackCredentials.Given.none(), false, false, random);
        assertThat(run.connect()).isEmpty();
        assertThat(run.value(StackCredentials.TOKEN_SECRET)).isPresent();
    }

    @Test
    void underProdNothingIsGeneratedAndNoFileWritten() {
        Path runDir = home.resolve("run");
        StackCredentials.Given given = new StackCredentials.Given(Map.of(StackCredentials.CONNECT_USER, "ops",
                StackCredentials.CONNECT_PASSWORD, "ops-password"), false);
        StackCredentials run = StackCredentials.forRun(runDir, given, true, true, random);
        assertThat(run.file()).isEmpty();
        assertThat(run.value(StackCredentials.TOKEN_SECRET)).isEmpty();
        assertThat(run.value(StackCredentials.ADMIN_PASSWORD)).isEmpty();
        assertThat(run.connect()).contains(new ConnectCredentials("ops", "ops-password"));
        assertThat(runDir.resolve("credentials.env")).doesNotExist();
    }

    @Test
    void theSettingsTakeTheExplicitSecretsAndUnderProdDemandTheConnectLogin() {
        StackSettings dev = StackSettings.from(source(Map.of("COMMERCE_HOME", home.toString(),
                "COMMERCE_AUTH_TOKEN_SECRET", "x".repeat(40), "COMMERCE_PEER_SECRET", "p".repeat(43))), false, true);
        assertThat(dev.secrets().generateMissing()).isTrue();
        assertThat(dev.secrets().values()).containsOnlyKeys(StackCredentials.TOKEN_SECRET, StackCredentials.PEER_SECRET);
        assertThat(dev.adminEmail()).isEqualTo("admin@commerce.local");

        assertThatThrownBy(() -> StackSettings.from(source(Map.of("COMMERCE_HOME", home.toString(), "COMMERCE_PROFILE", "prod",
                "COMMERCE_POSTGRES_PASSWORD", "pg-password")), false, true)).isInstanceOf(ConfigException.class).hasMessageContaining("COMMERCE_CONNECT_USER");
        StackSettings prod = StackSettings.from(source(Map.of("COMMERCE_HOME", home.toString(), "COMMERCE_PROFILE", "prod",
                "COMMERCE_POSTGRES_PASSWORD", "pg-password", "COMMERCE_CONNECT_USER", "ops", "COMMERCE_CONNECT_PASSWORD", "ops-password")), false, true);
        assertThat(prod.secrets().generateMissing()).isFalse();
        assertThatThrownBy(() -> StackSettings.from(source(Map.of("COMMERCE_HOME", home.toString(),
                "COMMERCE_CONNECT_PASSWORD", "alone")), false, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMMERCE_CONNECT_USER");
    }

    @Test
    void eachAppIsHandedTheSecretsItReadsOnly() {
        StackCredentials run = StackCredentials.forRun(home.resolve("run"), StackCredentials.Given.none(), false, true, random);
        Map<String, List<String>> handed = LocalStack.APPS.stream().collect(Collectors.toMap(AppProcess.App::name,
                app -> List.copyOf(run.environment(app.secrets()).keySet())));
        assertThat(handed.get("command-api")).containsExactlyInAnyOrder(StackCredentials.TOKEN_SECRET, StackCredentials.ADMIN_PASSWORD,
                StackCredentials.AMQP_PASSWORD);
        assertThat(handed.get("commerce-notifications")).containsExactly(StackCredentials.AMQP_PASSWORD);
        assertThat(handed.get("query-api-1")).containsExactlyInAnyOrder(StackCredentials.TOKEN_SECRET, StackCredentials.PEER_SECRET);
        assertThat(handed.get("query-api-2")).containsExactlyInAnyOrder(StackCredentials.TOKEN_SECRET, StackCredentials.PEER_SECRET);
        assertThat(handed.get("commerce-orders")).isEmpty();
        assertThat(run.environment(List.of(StackCredentials.PEER_SECRET)).get(StackCredentials.PEER_SECRET))
                .as("both query instances get the same peer secret").isEqualTo(run.value(StackCredentials.PEER_SECRET).orElseThrow());
    }

    @Test
    void aDamagedFileIsReportedNotReplaced() throws IOException {
        Path runDir = home.resolve("run");
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("credentials.env"), "COMMERCE_AUTH_TOKEN_SECRET=has spaces\n");
        assertThatThrownBy(() -> StackCredentials.forRun(runDir, StackCredentials.Given.none(), false, true, random))
                .hasMessageContaining("credentials.env");
    }

    private static ConfigSource source(Map<String, String> env) {
        return new ConfigSource(env, new Properties());
    }

    private static Map<String, String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }
}

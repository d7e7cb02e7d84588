package org.commercecore.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    private static final Setting<Integer> PORT = Setting.port("http.port", "HTTP port", 8080);
    private static final Setting<String> REQUIRED = Setting.string("orders.topic.prefix", "a required thing", null);
    private static final Setting<String> SECRET = Setting.secret("jwt.secret", "JWT signing key", "dev-only-secret");

    @Test
    void environmentVariableWinsOverFileAndDefault() {
        Properties file = new Properties();
        file.setProperty("commerce.http.port", "9000");
        ConfigSource source = new ConfigSource(Map.of("COMMERCE_HTTP_PORT", "9100"), file);
        assertThat(source.get(PORT)).isEqualTo(9100);
    }

    @Test
    void fileIsUsedWhenTheEnvironmentIsSilent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("commerce.properties");
        Files.writeString(file, "commerce.http.port=9000\n");
        ConfigSource source = ConfigSource.fromEnvironment(Map.of("COMMERCE_CONFIG_FILE", file.toString()));
        assertThat(source.get(PORT)).isEqualTo(9000);
    }

    @Test
    void devDefaultAppliesWhenNothingIsGiven() {
        assertThat(new ConfigSource(Map.of(), new Properties()).get(PORT)).isEqualTo(8080);
    }

    @Test
    void anInvalidValueFailsNamingTheVariable() {
        ConfigSource source = new ConfigSource(Map.of("COMMERCE_HTTP_PORT", "eighty"), new Properties());
        assertThatThrownBy(() -> source.get(PORT)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMMERCE_HTTP_PORT").hasMessageContaining("eighty");
    }

    @Test
    void aValueBreakingItsRuleFailsNamingTheVariableAndTheRule() {
        ConfigSource source = new ConfigSource(Map.of("COMMERCE_HTTP_PORT", "70000"), new Properties());
        assertThatThrownBy(() -> source.get(PORT)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMMERCE_HTTP_PORT").hasMessageContaining("must be a TCP port");
    }

    @Test
    void aMissingRequiredValueFailsNamingTheVariable() {
        assertThatThrownBy(() -> new ConfigSource(Map.of(), new Properties()).get(REQUIRED))
                .isInstanceOf(ConfigException.class)
                .hasMessage("COMMERCE_ORDERS_TOPIC_PREFIX is required (a required thing)");
    }

    @Test
    void theDevDefaultOfASecretIsRefusedInProd() {
        ConfigSource prod = new ConfigSource(Map.of("COMMERCE_PROFILE", "prod"), new Properties());
        assertThatThrownBy(() -> prod.get(SECRET)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMMERCE_JWT_SECRET must be set when COMMERCE_PROFILE=prod");
        ConfigSource prodWithSecret = new ConfigSource(
                Map.of("COMMERCE_PROFILE", "prod", "COMMERCE_JWT_SECRET", "from-a-vault"), new Properties());
        assertThat(prodWithSecret.get(SECRET)).isEqualTo("from-a-vault");
        assertThat(new ConfigSource(Map.of(), new Properties()).get(SECRET)).isEqualTo("dev-only-secret");
    }

    @Test
    void inProdTheAddressesOfTheLocalStackAreNeverAssumed() {
        ConfigSource prod = new ConfigSource(Map.of("COMMERCE_PROFILE", "prod"), new Properties());
        assertThatThrownBy(() -> prod.get(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS))
                .hasMessageContaining("COMMERCE_KAFKA_BOOTSTRAP_SERVERS must be set when COMMERCE_PROFILE=prod");
        assertThat(new ConfigSource(Map.of(), new Properties()).get(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo("127.0.0.1:9092");
        assertThat(prod.get(PlatformSettings.STREAM_THREADS)).as("defaults that are not addresses still apply").isEqualTo(1);
    }

    @Test
    void aSecretIsNeverEchoedInAnError() {
        Setting<String> longSecret = SECRET.requiring(s -> s.length() >= 32, "must be at least 32 characters");
        ConfigSource source = new ConfigSource(Map.of("COMMERCE_JWT_SECRET", "short-but-secret"), new Properties());
        assertThatThrownBy(() -> source.get(longSecret)).hasMessageNotContaining("short-but-secret")
                .hasMessageContaining("COMMERCE_JWT_SECRET");
    }

    @Test
    void durationsAndUrisParse() {
        Setting<Duration> timeout = Setting.duration("wait.timeout", "a timeout", Duration.ofSeconds(1));
        Setting<URI> url = Setting.uri("registry.url", "registry", URI.create("http://localhost:8081"));
        ConfigSource source = new ConfigSource(
                Map.of("COMMERCE_WAIT_TIMEOUT", "250ms", "COMMERCE_REGISTRY_URL", "http://registry:8081"), new Properties());
        assertThat(source.get(timeout)).isEqualTo(Duration.ofMillis(250));
        assertThat(source.get(url)).isEqualTo(URI.create("http://registry:8081"));
        ConfigSource bad = new ConfigSource(Map.of("COMMERCE_REGISTRY_URL", "registry:8081"), new Properties());
        assertThatThrownBy(() -> bad.get(url)).hasMessageContaining("COMMERCE_REGISTRY_URL")
                .hasMessageContaining("absolute URI");
    }

    @Test
    void aListIsCommaSeparatedTrimmedAndEmptyByDefault() {
        Setting<java.util.List<String>> proxies = Setting.list("http.trusted.proxies", "proxies", java.util.List.of());
        assertThat(new ConfigSource(Map.of(), new Properties()).get(proxies)).isEmpty();
        assertThat(new ConfigSource(Map.of("COMMERCE_HTTP_TRUSTED_PROXIES", " 10.0.0.0/8 ,, ::1,"), new Properties()).get(proxies))
                .containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void anUnknownProfileFailsAtStart() {
        assertThatThrownBy(() -> new ConfigSource(Map.of("COMMERCE_PROFILE", "staging"), new Properties()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COMMERCE_PROFILE");
    }
}

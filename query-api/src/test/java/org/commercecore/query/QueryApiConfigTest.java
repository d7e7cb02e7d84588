package org.commercecore.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.junit.jupiter.api.Test;

class QueryApiConfigTest {
    private static final String TOKEN_SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";

    @Test
    void thePeerSecretIsReadFromItsOwnVariable() {
        QueryApiConfig config = QueryApiConfig.from(source(Map.of("COMMERCE_AUTH_TOKEN_SECRET", TOKEN_SECRET,
                "COMMERCE_PEER_SECRET", PEER_SECRET)));

        assertThat(config.peerSecret()).isEqualTo(PEER_SECRET);
        assertThat(config.tokenSecret()).isEqualTo(TOKEN_SECRET);
        assertThat(config.toString()).doesNotContain(PEER_SECRET).doesNotContain(TOKEN_SECRET);
    }

    @Test
    void thePeerSecretMustDifferFromTheAccessTokensSecret() {
        assertThatThrownBy(() -> QueryApiConfig.from(source(Map.of("COMMERCE_AUTH_TOKEN_SECRET", TOKEN_SECRET,
                "COMMERCE_PEER_SECRET", TOKEN_SECRET))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COMMERCE_PEER_SECRET").hasMessageNotContaining(TOKEN_SECRET);
    }

    @Test
    void aShortPeerSecretIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> QueryApiConfig.from(source(Map.of("COMMERCE_PEER_SECRET", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COMMERCE_PEER_SECRET").hasMessageNotContaining("short'");
    }

    @Test
    void inProdThePeerSecretsDevDefaultIsRefused() {
        Map<String, String> prod = new HashMap<>(Map.of("COMMERCE_PROFILE", "prod",
                "COMMERCE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "COMMERCE_REGISTRY_URL", "http://registry:8081",
                "COMMERCE_STATE_DIR", "/var/lib/query", "COMMERCE_ADVERTISED_HOST", "query-1", "COMMERCE_REDIS_URL", "redis://redis:6379",
                "COMMERCE_AUTH_TOKEN_SECRET", TOKEN_SECRET));

        assertThatThrownBy(() -> QueryApiConfig.from(source(prod)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("COMMERCE_PEER_SECRET must be set when COMMERCE_PROFILE=prod");
        prod.put("COMMERCE_PEER_SECRET", PEER_SECRET);
        assertThat(QueryApiConfig.from(source(prod)).peerSecret()).isEqualTo(PEER_SECRET);
    }

    private static ConfigSource source(Map<String, String> environment) {
        return new ConfigSource(environment, new Properties());
    }
}

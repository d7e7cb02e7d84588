package org.commercecore.localstack.parts;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The {@code env} config provider of the stack's own Connect worker. Connector files say
 * {@code ${env:COMMERCE_POSTGRES_HOST}}; a worker in production resolves that from its process
 * environment (Kafka's EnvVarConfigProvider). The stack's worker runs inside the stack's JVM,
 * whose environment does not hold the addresses the stack chose (free ports in tests), so this
 * provider answers with the stack's addresses first (handed over as {@code param.*} settings)
 * and falls back to the real environment.
 */
public final class StackEnvConfigProvider implements ConfigProvider {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
        configs.forEach((k, v) -> values.put(k, String.valueOf(v)));
    }

    @Override
    public ConfigData get(String path) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(values);
        return new ConfigData(all);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            String value = values.containsKey(key) ? values.get(key) : System.getenv(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return new ConfigData(found);
    }

    @Override
    public void close() {
    }
}

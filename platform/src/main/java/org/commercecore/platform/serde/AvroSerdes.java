package org.commercecore.platform.serde;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroSerde;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes registry-aware Avro serdes that write the Confluent wire format: magic byte 0, the
 * schema's 4-byte id (the registry's content id, which is the id the Confluent-compatible API
 * reports), then Avro binary. Records therefore stay readable by stock Confluent clients.
 *
 * <p>Auto-registration is off by default, as in production: schemas are registered once, up
 * front, by {@link org.commercecore.platform.registry.SchemaRegistrar}. A serializer whose
 * exact schema is not registered fails instead of silently creating a new version.
 */
public final class AvroSerdes {
    /** Long, because refreshing the schema cache is what triggers the registry's concurrency bug. */
    private static final Duration CACHE_REFRESH = Duration.ofHours(1);

    private final Map<String, Object> config;

    private AvroSerdes(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    public static AvroSerdes forRegistry(URI registryBaseUrl) {
        return new AvroSerdes(serdeConfig(registryBaseUrl, false));
    }

    /** For tests and tools that must create schemas on the fly; apps never auto-register. */
    public static AvroSerdes autoRegistering(URI registryBaseUrl) {
        return new AvroSerdes(serdeConfig(registryBaseUrl, true));
    }

    /** The serde settings, e.g. to pass to a plain producer or consumer, or to Kafka Streams. */
    public static Map<String, Object> serdeConfig(URI registryBaseUrl, boolean autoRegister) {
        Map<String, Object> c = new HashMap<>();
        c.put(SerdeConfig.REGISTRY_URL, apiUrl(registryBaseUrl));
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        c.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
        c.put(SerdeConfig.USE_ID, "contentId");
        c.put(SerdeConfig.ENABLE_HEADERS, false);
        c.put(SerdeConfig.CHECK_PERIOD_MS, CACHE_REFRESH.toMillis());
        c.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return c;
    }

    public static String apiUrl(URI registryBaseUrl) {
        String base = registryBaseUrl.toString().replaceAll("/+$", "");
        return base + "/apis/registry/v2";
    }

    public Map<String, Object> config() {
        return config;
    }

    public <T extends SpecificRecord> Serde<T> specific(boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(config, isKey);
        return serde;
    }
}

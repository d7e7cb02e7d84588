package org.commercecore.platform.serde;

import java.net.URI;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.commercecore.platform.registry.InMemorySchemaRegistry;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.registry.SchemaRegistry;

/**
 * Makes registry-aware Avro serdes that write the Confluent wire format: magic byte 0, the
 * schema's 4-byte registry id, then Avro binary, so every record is readable by stock Confluent
 * clients through the registry's Confluent-compatible API.
 *
 * <p>Auto-registration is off, as in production: schemas are registered once, up front, by whoever
 * prepares the topics (the local stack); a record whose exact schema is not registered fails.
 *
 * <p>Why not Apicurio's own serde: with auto-registration off, its 2.6 client looks a schema up
 * with nested records split out as references, a form the Confluent API never stores, so no
 * registered schema is ever found (see docs/architecture.md, "Schema registry").
 */
public final class AvroSerdes {
    private final SchemaRegistry registry;

    private AvroSerdes(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** Serdes over the registry at this URL; {@code mock://<scope>} means an in-memory one, for tests. */
    public static AvroSerdes forRegistry(URI registryBaseUrl) {
        return new AvroSerdes(InMemorySchemaRegistry.SCHEME.equals(registryBaseUrl.getScheme())
                ? InMemorySchemaRegistry.scope(registryBaseUrl)
                : new RegistryClient(registryBaseUrl));
    }

    public <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new AvroSerializer<T>(registry), new AvroDeserializer<>(registry, type));
        serde.configure(java.util.Map.of(), isKey);
        return serde;
    }

    /** Generic records in the writer's schema, e.g. for Debezium change events. */
    public Serde<GenericRecord> generic(boolean isKey) {
        Serde<GenericRecord> serde = Serdes.serdeFrom(new AvroSerializer<GenericRecord>(registry),
                new AvroDeserializer<GenericRecord>(registry, null));
        serde.configure(java.util.Map.of(), isKey);
        return serde;
    }
}

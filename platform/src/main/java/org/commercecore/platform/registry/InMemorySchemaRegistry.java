package org.commercecore.platform.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry in memory, for TopologyTestDriver tests: they run without a registry, yet must
 * exercise the same serdes (and dead-letter handlers) as production. A URL {@code mock://<scope>}
 * names one shared instance per scope, so a test and the handlers Kafka Streams creates by class
 * name see the same schemas. Ids are per instance, as in a real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    public static final String SCHEME = "mock";
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final List<Schema> byId = new ArrayList<>();
    private final Map<String, Map<Schema, Integer>> subjects = new ConcurrentHashMap<>();

    /** The registry of a {@code mock://<scope>} URL. */
    public static InMemorySchemaRegistry scope(URI url) {
        if (!SCHEME.equals(url.getScheme())) {
            throw new IllegalArgumentException("not a mock registry URL: " + url);
        }
        return SCOPES.computeIfAbsent(url.getHost(), s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so the next test starts from an empty registry. */
    public static void drop(URI url) {
        SCOPES.remove(url.getHost());
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Map<Schema, Integer> versions = subjects.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer existing = versions.get(schema);
        if (existing != null) {
            return existing;
        }
        int id = idOf(schema);
        versions.put(schema, id);
        return id;
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        return Optional.ofNullable(subjects.getOrDefault(subject, Map.of()).get(schema));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > byId.size()) {
            throw new IllegalStateException("schema id " + id + " is unknown");
        }
        return byId.get(id - 1);
    }

    /** The same content gets the same id under every subject, like content ids in the real registry. */
    private int idOf(Schema schema) {
        int index = byId.indexOf(schema);
        if (index >= 0) {
            return index + 1;
        }
        byId.add(schema);
        return byId.size();
    }
}

package org.commercecore.platform.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the Avro serdes need from a schema registry. {@link RegistryClient} is the real one;
 * {@link InMemorySchemaRegistry} stands in for it in TopologyTestDriver tests, where no registry runs.
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (idempotent) and returns its id. */
    int register(String subject, Schema schema);

    /** The id of exactly this schema under the subject, if registered. */
    Optional<Integer> lookup(String subject, Schema schema);

    /** The schema with this id; fails if the id is unknown. */
    Schema schemaById(int id);
}

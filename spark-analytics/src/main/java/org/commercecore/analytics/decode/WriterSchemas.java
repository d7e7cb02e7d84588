package org.commercecore.analytics.decode;

import java.util.Optional;

/**
 * Where the job finds the schema a record was written with, by the id in its frame. Asked on the
 * driver only, once per distinct id in a batch.
 */
@FunctionalInterface
public interface WriterSchemas {
    /** The writer schema's JSON text, as {@code from_avro} takes it; empty if no schema has this id. */
    Optional<String> json(int id);
}

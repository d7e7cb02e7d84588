package org.commercecore.analytics.decode;

import java.util.Optional;

/**
 * Where the job finds the schema a record was written with, by the id in its frame. Asked on the
 * driver only, once per distinct id in a batch.
 */
public interface WriterSchemas {
    /** The writer schema's JSON text, as {@code from_avro} takes it; empty if no schema has this id. */
    Optional<String> json(int id);

    /**
     * The newest schema of a subject ({@code <topic>-value}): what a batch with no decodable
     * record is shaped by, so an empty day still yields the columns every job expects.
     */
    Optional<String> latest(String subject);
}

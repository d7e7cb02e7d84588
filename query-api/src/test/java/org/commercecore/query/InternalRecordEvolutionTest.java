package org.commercecore.query;

import java.nio.file.Path;
import org.commercecore.schemas.SchemaEvolutionGuard;

/** The query API's view stores and repartition topics must read every released version of their records. */
class InternalRecordEvolutionTest extends SchemaEvolutionGuard {
    InternalRecordEvolutionTest() {
        super(Path.of("src/main/avro"));
    }
}

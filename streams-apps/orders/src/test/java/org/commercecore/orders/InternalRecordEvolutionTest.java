package org.commercecore.orders;

import java.nio.file.Path;
import org.commercecore.schemas.SchemaEvolutionGuard;

/** The orders app's stores and repartition topics must read every released version of their records. */
class InternalRecordEvolutionTest extends SchemaEvolutionGuard {
    InternalRecordEvolutionTest() {
        super(Path.of("src/main/avro"));
    }
}

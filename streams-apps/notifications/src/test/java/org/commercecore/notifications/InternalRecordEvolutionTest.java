package org.commercecore.notifications;

import java.nio.file.Path;
import org.commercecore.schemas.SchemaEvolutionGuard;

/** The notifications app's stores must read every released version of their records. */
class InternalRecordEvolutionTest extends SchemaEvolutionGuard {
    InternalRecordEvolutionTest() {
        super(Path.of("src/main/avro"));
    }
}

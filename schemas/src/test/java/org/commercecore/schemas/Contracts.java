package org.commercecore.schemas;

import java.nio.file.Path;

/** Where the contracts are: surefire passes the module's avro/ directory. */
final class Contracts {
    static final Path DIR = Path.of(System.getProperty("commerce.schemas.dir", "avro"));
    static final SchemaFiles FILES = SchemaFiles.in(DIR);

    private Contracts() {
    }
}

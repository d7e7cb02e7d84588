package org.commercecore.analytics.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;

/** The released schema versions in schemas/avro/released, as a producer of that version wrote them. */
final class ReleasedSchemas {
    private static final Path RELEASED = Path.of("..", "schemas", "avro", "released");

    private ReleasedSchemas() {
    }

    static Schema load(String fullName, int version) {
        try {
            return new Schema.Parser().parse(Files.readString(RELEASED.resolve(fullName + ".v" + version + ".avsc")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

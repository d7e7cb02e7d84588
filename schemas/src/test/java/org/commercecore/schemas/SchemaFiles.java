package org.commercecore.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** A module's .avsc files as the build sees them: the current ones, and released/ beneath them. */
public final class SchemaFiles {
    private final Path dir;
    private final Path releasedDir;

    private SchemaFiles(Path dir) {
        this.dir = dir;
        this.releasedDir = dir.resolve("released");
    }

    public static SchemaFiles in(Path avroDir) {
        return new SchemaFiles(avroDir);
    }

    /** The current records (everything under the directory except released/), as compiled. */
    public List<Path> current() {
        return list(dir).stream().filter(p -> !p.startsWith(releasedDir)).toList();
    }

    public List<Path> released() {
        return Files.isDirectory(releasedDir) ? list(releasedDir) : List.of();
    }

    /** Every record the current files define, nested ones included, by full name. */
    public Map<String, Schema> currentRecords() {
        Map<String, Schema> records = new HashMap<>();
        current().forEach(file -> collectRecords(parse(file), records));
        return records;
    }

    public static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectRecords(Schema schema, Map<String, Schema> records) {
        switch (schema.getType()) {
            case RECORD -> {
                if (records.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collectRecords(f.schema(), records));
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectRecords(t, records));
            case ARRAY -> collectRecords(schema.getElementType(), records);
            case MAP -> collectRecords(schema.getValueType(), records);
            default -> {
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.commercecore.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Reads the .avsc contracts from disk, as the build compiles them. */
final class ContractFiles {
    static final Path AVRO_DIR = Path.of(System.getProperty("commerce.schemas.dir", "avro"));
    static final Path RELEASED_DIR = AVRO_DIR.resolve("released");

    private ContractFiles() {
    }

    /** The current contracts (everything under avro/ except released/). */
    static List<Path> current() {
        return list(AVRO_DIR).stream().filter(p -> !p.startsWith(RELEASED_DIR)).toList();
    }

    static List<Path> released() {
        return list(RELEASED_DIR);
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

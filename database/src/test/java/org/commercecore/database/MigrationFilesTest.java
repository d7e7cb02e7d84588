package org.commercecore.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migration files themselves; applying them to a real PostgreSQL is WriteSideSchemaIT's (local-stack). */
class MigrationFilesTest {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    @Test
    void versionsAreNamedAndNumberedWithoutGaps() throws Exception {
        List<Integer> versions = migrations().stream().map(p -> p.getFileName().toString())
                .peek(n -> assertThat(n).matches(NAME))
                .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        assertThat(versions).isNotEmpty();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("migration versions count up from 1 without gaps").isEqualTo(i + 1);
        }
    }

    @Test
    void everyCapturedTableKeepsFullBeforeImages() throws Exception {
        String all = String.join("\n", migrations().stream().map(MigrationFilesTest::read).toList());
        for (String table : List.of("users", "products", "orders", "order_commands", "stock_adjustments")) {
            assertThat(all).contains("ALTER TABLE " + table + " REPLICA IDENTITY FULL;");
        }
    }

    private static List<Path> migrations() throws IOException, URISyntaxException {
        Path dir = Path.of(WriteSideSchema.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

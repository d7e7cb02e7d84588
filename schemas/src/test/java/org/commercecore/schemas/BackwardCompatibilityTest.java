package org.commercecore.schemas;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast half of the evolution guard on the public contracts (the guard's own tests are
 * inherited); the registry half, the same check made by the real registry, is SchemaEvolutionIT
 * in local-stack. The two tests below show the guard catching a break and letting a compatible
 * change through.
 */
class BackwardCompatibilityTest extends SchemaEvolutionGuard {
    private static final String RELEASED_ORDER_EVENT = ReleasedSchemas.fileName("org.commercecore.schemas.orders.OrderEvent", 1);

    BackwardCompatibilityTest() {
        super(Contracts.DIR);
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsCaught(@TempDir Path dir) throws IOException {
        SchemaEvolutionGuard guard = guardWithCurrent(dir, "incompatible/OrderEvent.avsc");
        assertThatThrownBy(guard::everyCurrentRecordReadsEveryReleasedVersionOfIt)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrderEvent cannot read " + RELEASED_ORDER_EVENT);
    }

    @Test
    void aNewOptionalFieldWithDefaultPasses(@TempDir Path dir) throws IOException {
        SchemaEvolutionGuard guard = guardWithCurrent(dir, "compatible/OrderEvent.avsc");
        assertThatCode(guard::everyCurrentRecordReadsEveryReleasedVersionOfIt).doesNotThrowAnyException();
    }

    /** A module of one record: the given current version beside the released OrderEvent. */
    private static SchemaEvolutionGuard guardWithCurrent(Path dir, String resource) throws IOException {
        try (InputStream current = BackwardCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(current, dir.resolve("OrderEvent.avsc"));
        }
        Files.createDirectories(dir.resolve("released"));
        Files.copy(Contracts.DIR.resolve("released").resolve(RELEASED_ORDER_EVENT), dir.resolve("released").resolve(RELEASED_ORDER_EVENT));
        return new SchemaEvolutionGuard(dir) {
        };
    }
}

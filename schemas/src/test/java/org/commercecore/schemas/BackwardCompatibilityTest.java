package org.commercecore.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The fast half of the evolution guard: every released contract must still exist and every
 * current contract must read data written with its released version (BACKWARD). The registry
 * half (the same check done by the real registry) is SchemaEvolutionIT in local-stack.
 */
class BackwardCompatibilityTest {

    @Test
    void everyReleasedContractStillExistsUnderItsName() {
        Map<String, Schema> current = byFullName(ContractFiles.current().stream().map(ContractFiles::parse).toList());
        for (Path released : ContractFiles.released()) {
            Schema old = ContractFiles.parse(released);
            assertThat(current).as("released contract %s was removed or renamed", released).containsKey(old.getFullName());
        }
        assertThat(ContractFiles.released()).isNotEmpty();
    }

    @Test
    void everyCurrentContractReadsDataWrittenWithItsReleasedVersion() {
        Map<String, Schema> current = byFullName(ContractFiles.current().stream().map(ContractFiles::parse).toList());
        for (Path released : ContractFiles.released()) {
            Schema writer = ContractFiles.parse(released);
            Schema reader = current.get(writer.getFullName());
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            assertThat(result.getType())
                    .as("%s is not BACKWARD compatible with %s: %s", writer.getFullName(), released,
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsCaught() {
        Schema released = ContractFiles.parse(ContractFiles.RELEASED_DIR.resolve("orders/OrderEvent.avsc"));
        Schema broken = ContractFiles.parse(resource("incompatible/OrderEvent.avsc"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void aNewOptionalFieldWithDefaultPasses() {
        Schema released = ContractFiles.parse(ContractFiles.RELEASED_DIR.resolve("orders/OrderEvent.avsc"));
        Schema evolved = ContractFiles.parse(resource("compatible/OrderEvent.avsc"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(evolved, released).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Path resource(String name) {
        try {
            return Path.of(BackwardCompatibilityTest.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private static Map<String, Schema> byFullName(java.util.List<Schema> schemas) {
        return schemas.stream().collect(Collectors.toMap(Schema::getFullName, Function.identity()));
    }
}

package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.registry.Compatibility;
import org.commercecore.platform.registry.IncompatibleSchemaException;
import org.commercecore.platform.registry.RegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evolution guard, done by the real registry: each released contract (schemas/avro/released)
 * is registered first, then the contract this build compiled must be accepted after it under
 * BACKWARD. A breaking edit to any .avsc fails this test, and so the build.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionIT {

    @Test
    void everyCompiledContractIsBackwardCompatibleWithItsReleasedVersion(StackAddresses stack) throws IOException {
        RegistryClient registrar = new RegistryClient(stack.registryUrl());
        List<Path> released = releasedContracts();
        assertThat(released).isNotEmpty();
        for (Path file : released) {
            Schema old = new Schema.Parser().parse(file.toFile());
            Class<?> compiled = SpecificData.get().getClass(old);
            assertThat(compiled).as("no compiled class for released contract %s", old.getFullName()).isNotNull();
            Schema current = SpecificData.get().getSchema(compiled);

            String subject = "evolution-check." + old.getFullName();
            registrar.register(subject, old);
            registrar.setCompatibility(subject, Compatibility.BACKWARD);
            registrar.register(subject, current); // throws IncompatibleSchemaException (409) on a breaking change
        }
    }

    @Test
    void theGuardRefusesABreakingChange(StackAddresses stack) throws IOException {
        RegistryClient registrar = new RegistryClient(stack.registryUrl());
        Schema old = new Schema.Parser().parse(home().resolve("schemas/avro/released/customers/Customer.avsc").toFile());
        // an optional field made required: records written without it can no longer be read
        List<Schema.Field> fields = old.getFields().stream()
                .map(f -> f.name().equals("display_name")
                        ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING), f.doc())
                        : new Schema.Field(f, f.schema()))
                .toList();
        Schema changed = Schema.createRecord(old.getName(), old.getDoc(), old.getNamespace(), false, fields);
        String subject = "evolution-check.breaking." + old.getFullName();
        registrar.register(subject, old);
        registrar.setCompatibility(subject, Compatibility.BACKWARD);
        assertThatThrownBy(() -> registrar.register(subject, changed)).isInstanceOf(IncompatibleSchemaException.class);
    }

    private static List<Path> releasedContracts() throws IOException {
        try (Stream<Path> files = Files.walk(home().resolve("schemas/avro/released"))) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    private static Path home() {
        return StackSettings.findHome();
    }
}

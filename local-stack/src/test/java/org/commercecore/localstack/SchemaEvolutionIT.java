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
import org.commercecore.schemas.ReleasedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evolution guard, done by the real registry: the released versions of each contract
 * (schemas/avro/released) are registered first, in order, then the contract this build compiled
 * must be accepted after them under BACKWARD. A breaking edit to any .avsc fails this test, and
 * so the build.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionIT {

    @Test
    void everyCompiledContractIsBackwardCompatibleWithItsReleasedVersion(StackAddresses stack) throws IOException {
        RegistryClient registrar = new RegistryClient(stack.registryUrl());
        List<String> released = releasedContracts();
        assertThat(released).isNotEmpty();
        for (String name : released) {
            List<Schema> versions = ReleasedSchemas.of(name, getClass().getClassLoader());
            Class<?> compiled = SpecificData.get().getClass(versions.get(0));
            assertThat(compiled).as("no compiled class for released contract %s", name).isNotNull();
            Schema current = SpecificData.get().getSchema(compiled);

            // the registry holds every released version in order, as in production, before this build's
            String subject = "evolution-check." + name;
            registrar.register(subject, versions.get(0));
            registrar.setCompatibility(subject, Compatibility.BACKWARD);
            for (Schema later : versions.subList(1, versions.size())) {
                registrar.register(subject, later);
            }
            registrar.register(subject, current); // throws IncompatibleSchemaException (409) on a breaking change
        }
    }

    @Test
    void theGuardRefusesABreakingChange(StackAddresses stack) throws IOException {
        RegistryClient registrar = new RegistryClient(stack.registryUrl());
        Schema old = ReleasedSchemas.of("org.commercecore.schemas.customers.Customer", getClass().getClassLoader()).get(0);
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

    /** The full names of the released contracts: the files are named {@code <full name>.v<n>.avsc}. */
    private static List<String> releasedContracts() throws IOException {
        try (Stream<Path> files = Files.list(home().resolve("schemas/avro/released"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc"))
                    .map(n -> n.replaceFirst("\\.v[0-9]+\\.avsc$", "")).distinct().sorted().toList();
        }
    }

    private static Path home() {
        return StackSettings.findHome();
    }
}

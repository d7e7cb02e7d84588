package org.commercecore.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The evolution guard, written once for every module that keeps Avro records: the public
 * contracts (schemas) and the internal records of stores and repartition topics (the apps). A
 * module's test extends it with the directory of its .avsc files; JUnit runs the tests inherited.
 *
 * <p>The current version of a record must read every released version (BACKWARD, against all
 * of them, not only the last): a compacted changelog or a replayed topic can hold a value written
 * by any release, and InternalSerdes' decoders resolve each of them into the current class.
 */
public abstract class SchemaEvolutionGuard {
    private final SchemaFiles files;

    protected SchemaEvolutionGuard(Path avroDir) {
        this.files = SchemaFiles.in(avroDir);
    }

    @Test
    public void everyReleasedRecordStillExistsUnderItsName() {
        Map<String, Schema> current = files.currentRecords();
        List<String> gone = releasedByName().keySet().stream().filter(name -> !current.containsKey(name)).toList();
        assertThat(gone).as("released records removed or renamed").isEmpty();
    }

    @Test
    public void everyCurrentRecordReadsEveryReleasedVersionOfIt() {
        Map<String, Schema> current = files.currentRecords();
        List<String> incompatible = new ArrayList<>();
        releasedByName().forEach((name, versions) -> {
            Schema reader = current.get(name);
            if (reader == null) {
                return; // a removed record is everyReleasedRecordStillExistsUnderItsName's finding
            }
            for (Released version : versions) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, version.schema());
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    incompatible.add(name + " cannot read " + version.file().getFileName() + ": "
                            + result.getResult().getIncompatibilities());
                }
            }
        });
        assertThat(incompatible).as("not BACKWARD compatible").isEmpty();
    }

    @Test
    public void everyTopLevelRecordHasAReleasedVersion() {
        Map<String, List<Released>> released = releasedByName();
        List<String> unreleased = files.current().stream().map(SchemaFiles::parse).map(Schema::getFullName)
                .filter(name -> !released.containsKey(name)).toList();
        assertThat(unreleased).as("records without a released version (copy each into released/ as <full name>.v1.avsc)")
                .isEmpty();
    }

    @Test
    public void releasedFilesAreNamedForTheirRecordAndNumberedFromOne() {
        List<String> misnamed = new ArrayList<>();
        releasedByName().forEach((name, versions) -> {
            List<String> expected = IntStream.rangeClosed(1, versions.size())
                    .mapToObj(n -> ReleasedSchemas.fileName(name, n)).toList();
            List<String> actual = versions.stream().map(v -> v.file().getFileName().toString()).sorted().toList();
            if (!actual.equals(expected.stream().sorted().toList())) {
                misnamed.add(name + ": expected " + expected + ", found " + actual);
            }
        });
        assertThat(misnamed).isEmpty();
    }

    /**
     * A build writes its current schema's fingerprint (InternalSerdes, single-object encoding), so the
     * next build must know that schema as released: a record changed without a released copy of its
     * new version would leave values (in stores, changelogs, repartition topics) no later build reads.
     */
    @Test
    public void everyCurrentRecordIsItsNewestReleasedVersion() {
        Map<String, Schema> current = files.currentRecords();
        List<String> unreleased = new ArrayList<>();
        releasedByName().forEach((name, versions) -> {
            Schema reader = current.get(name);
            if (reader != null && versions.stream().noneMatch(v -> SchemaNormalization.parsingFingerprint64(v.schema())
                    == SchemaNormalization.parsingFingerprint64(reader))) {
                unreleased.add(name + " (copy its current .avsc into released/ as v" + (versions.size() + 1) + ")");
            }
        });
        assertThat(unreleased).as("current records no released version equals").isEmpty();
    }

    @Test
    public void everyReleasedVersionIsOnTheClasspathWhereTheDecodersLook() {
        ClassLoader classpath = getClass().getClassLoader();
        releasedByName().forEach((name, versions) -> assertThat(ReleasedSchemas.of(name, classpath))
                .as("released versions of %s on the classpath under %s", name, ReleasedSchemas.RESOURCE_DIR)
                .containsExactlyInAnyOrderElementsOf(versions.stream().map(Released::schema).toList()));
    }

    private Map<String, List<Released>> releasedByName() {
        Map<String, List<Released>> byName = new TreeMap<>();
        for (Path file : files.released()) {
            Schema schema = SchemaFiles.parse(file);
            byName.computeIfAbsent(schema.getFullName(), n -> new ArrayList<>()).add(new Released(file, schema));
        }
        return byName;
    }

    private record Released(Path file, Schema schema) {
    }
}

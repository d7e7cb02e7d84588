package org.commercecore.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The house rules of conventions.md, checked on every contract so a review need not. */
class ContractConventionsTest {

    @Test
    void moneyIsNeverAFloatingPointNumber() {
        assertThat(violations((field, schema) -> schema.getType() == Schema.Type.FLOAT
                || schema.getType() == Schema.Type.DOUBLE)).isEmpty();
    }

    @Test
    void everyEnumHasADefaultSoConsumersSurviveNewSymbols() {
        List<String> missing = new ArrayList<>();
        forEachNamed((schema) -> {
            if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
                missing.add(schema.getFullName());
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        forEachNamed((schema) -> {
            if (schema.getType() == Schema.Type.RECORD) {
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
                schema.getFields().stream().filter(f -> f.doc() == null || f.doc().isBlank())
                        .forEach(f -> undocumented.add(schema.getFullName() + "." + f.name()));
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void fieldNamesAreSnakeCase() {
        List<String> wrong = new ArrayList<>();
        forEachNamed((schema) -> {
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().stream().filter(f -> !f.name().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"))
                        .forEach(f -> wrong.add(schema.getFullName() + "." + f.name()));
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyTopLevelEventCarriesItsIdTimeAndCorrelation() {
        for (Path file : Contracts.FILES.current()) {
            Schema schema = SchemaFiles.parse(file);
            if (schema.getName().equals("Customer")) {
                continue; // compacted state, not an event: its identity is the customer id
            }
            assertThat(schema.getField("event_id")).as("%s.event_id", schema.getName()).isNotNull();
            assertThat(schema.getField("event_id").schema().getLogicalType().getName()).isEqualTo("uuid");
            assertThat(schema.getField("occurred_at")).as("%s.occurred_at", schema.getName()).isNotNull();
            assertThat(schema.getField("occurred_at").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
            assertThat(schema.getField("correlation_id")).as("%s.correlation_id", schema.getName()).isNotNull();
        }
    }

    private interface FieldRule {
        boolean broken(Schema.Field field, Schema schema);
    }

    private static List<String> violations(FieldRule rule) {
        List<String> found = new ArrayList<>();
        forEachNamed((schema) -> {
            if (schema.getType() == Schema.Type.RECORD) {
                for (Schema.Field f : schema.getFields()) {
                    for (Schema s : branches(f.schema())) {
                        if (rule.broken(f, s)) {
                            found.add(schema.getFullName() + "." + f.name());
                        }
                    }
                }
            }
        });
        return found;
    }

    private static List<Schema> branches(Schema s) {
        return switch (s.getType()) {
            case UNION -> s.getTypes().stream().flatMap(b -> branches(b).stream()).toList();
            case ARRAY -> branches(s.getElementType());
            case MAP -> branches(s.getValueType());
            default -> List.of(s);
        };
    }

    private static void forEachNamed(java.util.function.Consumer<Schema> visit) {
        Set<String> seen = new HashSet<>();
        for (Path file : Contracts.FILES.current()) {
            walk(SchemaFiles.parse(file), seen, visit);
        }
    }

    private static void walk(Schema schema, Set<String> seen, java.util.function.Consumer<Schema> visit) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    visit.accept(schema);
                    schema.getFields().forEach(f -> walk(f.schema(), seen, visit));
                }
            }
            case ENUM, FIXED -> {
                if (seen.add(schema.getFullName())) {
                    visit.accept(schema);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> walk(t, seen, visit));
            case ARRAY -> walk(schema.getElementType(), seen, visit);
            case MAP -> walk(schema.getValueType(), seen, visit);
            default -> {
            }
        }
    }
}

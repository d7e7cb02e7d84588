package org.commercecore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.commercecore.localstack.StackSettings;
import org.commercecore.platform.config.Setting;
import org.junit.jupiter.api.Test;

class ConfigurationDocTest {
    private static final int SHORTEST_DESCRIPTION = 20;
    private static final Path DOC = StackSettings.findHome().resolve("docs/configuration.md");

    /** With {@code -Dconfiguration.doc.write=true} it rewrites the file instead (see ConfigurationDoc.REGENERATE). */
    @Test
    void docsConfigurationMdIsWhatTheCatalogueGenerates() throws IOException {
        String generated = ConfigurationDoc.render(SettingsCatalogue.components());
        if (Boolean.getBoolean("configuration.doc.write")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        String written = Files.isRegularFile(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertThat(written).as("%s is not what the catalogue of settings generates; regenerate it with%n  %s%n",
                DOC, ConfigurationDoc.REGENERATE).isEqualTo(generated);
    }

    @Test
    void everySettingSaysWhatItIsFor() {
        List<String> undescribed = SettingsCatalogue.all().stream()
                .filter(s -> s.description().isBlank() || s.description().strip().length() < SHORTEST_DESCRIPTION)
                .map(s -> s.envName() + " ('" + s.description() + "')").toList();
        assertThat(undescribed).as("settings whose description is missing or shorter than %d characters",
                SHORTEST_DESCRIPTION).isEmpty();
    }

    /** A component may list a shared setting, but one key is one declaration: two would drift apart. */
    @Test
    void aKeyHasOneDefinition() {
        Map<String, Set<Setting<?>>> byKey = SettingsCatalogue.components().stream()
                .flatMap(c -> c.settings().stream())
                .collect(Collectors.groupingBy(Setting::key, Collectors.toSet()));
        List<String> twice = byKey.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + ": " + e.getValue().stream().map(ConfigurationDocTest::definition).toList())
                .toList();
        assertThat(twice).as("keys declared more than once (declare each once, e.g. in PlatformSettings)").isEmpty();
    }

    @Test
    void aSecretsDefaultIsNeverPrinted() {
        List<String> rows = ConfigurationDoc.render(SettingsCatalogue.components()).lines().toList();
        for (Setting<?> secret : SettingsCatalogue.all().stream().filter(Setting::isSecret).toList()) {
            List<String> its = rows.stream().filter(r -> r.startsWith("| `" + secret.envName() + "` |")).toList();
            assertThat(its).as(secret.envName()).isNotEmpty();
            secret.devDefault().ifPresent(value -> assertThat(its).as(secret.envName())
                    .allSatisfy(row -> assertThat(row).contains("| dev-only |").doesNotContain(String.valueOf(value))));
        }
    }

    private static String definition(Setting<?> s) {
        return s.type() + ", default " + (s.isSecret() ? "(secret)" : s.devDefault().orElse(null)) + ", required in prod "
                + s.isRequiredInProd() + ", '" + s.description() + "'";
    }
}

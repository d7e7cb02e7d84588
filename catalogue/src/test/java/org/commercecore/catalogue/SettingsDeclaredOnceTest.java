package org.commercecore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commercecore.localstack.StackSettings;
import org.commercecore.platform.config.Setting;
import org.junit.jupiter.api.Test;

/**
 * Reads every module's main sources for {@code Setting.xxx("key", ...)}: a setting declared
 * anywhere must be in the catalogue (so in docs/configuration.md), and declared only once.
 */
class SettingsDeclaredOnceTest {
    private static final Pattern DECLARATION =
            Pattern.compile("Setting\\.(?:string|integer|port|duration|uri|path|list|secret|oneOf)\\(\\s*\"([^\"]+)\"");
    private static final Set<String> NOT_SOURCES = Set.of("target", ".run", ".git", "node_modules");

    @Test
    void everyDeclaredSettingIsCatalogued() throws IOException {
        Map<String, List<String>> declared = declarations(StackSettings.findHome());
        Set<String> catalogued = SettingsCatalogue.all().stream().map(Setting::key).collect(Collectors.toSet());
        assertThat(declared).as("no Setting declarations found: wrong checkout root?").isNotEmpty();
        assertThat(catalogued).as("catalogued settings that no main source declares").isSubsetOf(declared.keySet());
        assertThat(declared.keySet().stream().filter(k -> !catalogued.contains(k)).map(k -> k + " " + declared.get(k)).toList())
                .as("settings declared but missing from their module's *Settings.all() (and so from SettingsCatalogue)")
                .isEmpty();
    }

    @Test
    void everySettingIsDeclaredOnce() throws IOException {
        Map<String, List<String>> declared = declarations(StackSettings.findHome());
        assertThat(declared.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString).toList())
                .as("keys declared in more than one place").isEmpty();
    }

    /** Key to the files declaring it, over every src/main/java of the checkout. */
    private static Map<String, List<String>> declarations(Path root) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return NOT_SOURCES.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (path.endsWith(".java") && path.contains("/src/main/java/")) {
                    Matcher m = DECLARATION.matcher(read(file));
                    while (m.find()) {
                        found.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(path);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.commercecore.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the platform's packages point one way (e.g. topics -> serde -> registry).
 * Read from the main sources: every reference {@code org.commercecore.platform.<package>.<Type>},
 * in imports, code and javadoc alike.
 */
class PlatformPackagesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/commercecore/platform");
    private static final Pattern REFERENCE = Pattern.compile("org\\.commercecore\\.platform\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");

    @Test
    void noCycleBetweenPlatformPackages() {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).as("platform packages found in %s", SOURCES.toAbsolutePath()).containsKeys("config", "topics", "registry");
        assertThat(cycles(uses)).as("package cycles (a -> ... -> a)").isEmpty();
    }

    @Test
    void theRegistryDealsInSubjectsAndSchemasOnly() {
        assertThat(dependencies().getOrDefault("registry", Set.of())).doesNotContain("topics", "serde");
    }

    /** Package (relative to org.commercecore.platform) to the other platform packages it refers to. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
                Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(read(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Each cycle found by a depth-first search, as its path. */
    private static List<String> cycles(Map<String, Set<String>> uses) {
        List<String> found = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : uses.keySet()) {
            visit(start, uses, new ArrayDeque<>(), done, found);
        }
        return found;
    }

    private static void visit(String pkg, Map<String, Set<String>> uses, Deque<String> path, Set<String> done, List<String> found) {
        if (path.contains(pkg)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(pkg), cycle.size());
            found.add(String.join(" -> ", cycle) + " -> " + pkg);
            return;
        }
        if (!done.add(pkg)) {
            return;
        }
        path.addLast(pkg);
        for (String next : uses.getOrDefault(pkg, Set.of())) {
            visit(next, uses, path, done, found);
        }
        path.removeLast();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

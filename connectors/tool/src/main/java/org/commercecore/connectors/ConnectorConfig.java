package org.commercecore.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One connector as declared in connectors/config/*.json: {@code {"name": ..., "config": {...}}}.
 * Addresses and secrets are never written in the file: values say {@code ${env:COMMERCE_...}} and
 * the Connect worker resolves them with its env config provider, so they never travel through
 * this tool or the connector's stored config.
 */
public record ConnectorConfig(String name, Map<String, String> config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConnectorConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a connector needs a name");
        }
        if (!config.containsKey("connector.class")) {
            throw new IllegalArgumentException("connector " + name + " has no connector.class");
        }
        config = Map.copyOf(config);
    }

    public static ConnectorConfig read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            root.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return new ConnectorConfig(root.path("name").asText(null), config);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read connector config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every *.json in the directory, sorted by file name (the order they are applied in). */
    public static List<ConnectorConfig> readAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<ConnectorConfig> all = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> all.add(read(f)));
            return all;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list connector configs in " + directory + ": " + e.getMessage(), e);
        }
    }
}

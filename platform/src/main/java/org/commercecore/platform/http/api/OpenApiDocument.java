package org.commercecore.platform.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The API's OpenAPI document, written by hand in YAML next to the code (no OpenAPI plugin is served
 * for Javalin 7) and served at {@code /openapi.yaml} and {@code /openapi.json}. A test per API
 * checks the document and the registered routes name the same operations.
 */
public final class OpenApiDocument {
    public static final String YAML_PATH = "/openapi.yaml";
    public static final String JSON_PATH = "/openapi.json";

    private final String yaml;
    private final JsonNode tree;

    private OpenApiDocument(String yaml, JsonNode tree) {
        this.yaml = yaml;
        this.tree = tree;
    }

    public static OpenApiDocument fromResource(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + resource + " not found on the classpath");
            }
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new OpenApiDocument(yaml, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read OpenAPI document " + resource + ": " + e.getMessage(), e);
        }
    }

    void addTo(JavalinConfig config) {
        config.routes.get(YAML_PATH, ctx -> ctx.contentType("application/yaml").result(yaml));
        config.routes.get(JSON_PATH, ctx -> ctx.json(tree));
    }

    /** What the document and the app's routes disagree on: operations only one of them names. */
    public record Difference(List<String> undocumented, List<String> notServed) {
        public boolean none() {
            return undocumented.isEmpty() && notServed.isEmpty();
        }
    }

    public Difference comparedTo(Javalin app) {
        List<String> routes = app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(h -> Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)
                        .contains(h.endpoint.method))
                .map(h -> h.endpoint.method.name() + " " + h.endpoint.path).distinct().toList();
        List<String> documented = operations();
        return new Difference(routes.stream().filter(r -> !documented.contains(r)).toList(),
                documented.stream().filter(d -> !routes.contains(d)).toList());
    }

    /** Every documented operation as {@code METHOD /path/{param}}. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        tree.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "patch", "delete").contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }
}

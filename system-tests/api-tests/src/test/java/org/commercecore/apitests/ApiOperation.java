package org.commercecore.apitests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of an API's OpenAPI document (the same resource the API serves), with what the
 * tests need of it: who may call it, its path parameters, its request body's schema (references
 * resolved) and its required headers. Tests iterate these, so a new route is tested the day it is documented.
 */
record ApiOperation(Api api, String method, String path, Access access, Optional<JsonNode> body, boolean bodyRequired,
                    List<String> pathParameters, List<String> requiredHeaders) {

    enum Api {
        COMMAND("/command-api.openapi.yaml"),
        QUERY("/query-api.openapi.yaml");

        private final String resource;

        Api(String resource) {
            this.resource = resource;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** A body may be left out (no bytes, or only JSON whitespace, means none). */
    boolean bodyOptional() {
        return body.isPresent() && !bodyRequired;
    }

    String name() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return api + " " + name();
    }

    static List<ApiOperation> of(Api api) {
        JsonNode document = read(api.resource);
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(operation(api, document, method.toUpperCase(Locale.ROOT), path.getKey(), operation));
                }
            }
        }
        return operations;
    }

    static List<ApiOperation> all() {
        List<ApiOperation> all = new ArrayList<>(of(Api.COMMAND));
        all.addAll(of(Api.QUERY));
        return all;
    }

    private static ApiOperation operation(Api api, JsonNode document, String method, String path, JsonNode operation) {
        String name = api + " " + method + " " + path;
        Access access = Access.of(operation.path("x-access").textValue(), name);
        boolean declaredPublic = operation.has("security") && operation.get("security").isEmpty();
        if (declaredPublic != (access == Access.PUBLIC)) {
            throw new AssertionError(name + ": x-access " + access + " contradicts its security requirement");
        }
        List<String> pathParameters = new ArrayList<>();
        List<String> requiredHeaders = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(document, parameter);
            if ("path".equals(p.path("in").asText())) {
                pathParameters.add(p.path("name").asText());
            } else if ("header".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                requiredHeaders.add(p.path("name").asText());
            }
        }
        Optional<JsonNode> body = Optional.empty();
        boolean bodyRequired = false;
        if (operation.has("requestBody")) {
            JsonNode requestBody = resolve(document, operation.get("requestBody"));
            bodyRequired = requestBody.path("required").asBoolean();
            body = Optional.of(resolveAll(document, requestBody.path("content").path("application/json").path("schema")));
        }
        return new ApiOperation(api, method, path, access, body, bodyRequired, List.copyOf(pathParameters), List.copyOf(requiredHeaders));
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** The schema with every reference replaced by what it names (the documents have no recursive schemas). */
    private static JsonNode resolveAll(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema).deepCopy();
        if (resolved.isObject()) {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) resolved;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                object.set(field, resolveAll(document, object.get(field)));
            }
        } else if (resolved.isArray()) {
            var array = (com.fasterxml.jackson.databind.node.ArrayNode) resolved;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolveAll(document, array.get(i)));
            }
        }
        return resolved;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ApiOperation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

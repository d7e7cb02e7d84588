package org.commercecore.analytics.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writer schemas by registry id, fetched from the registry's Confluent-compatible API
 * ({@code GET /apis/ccompat/v7/schemas/ids/{id}}) and kept for the run: an id never changes what
 * it names, so one fetch per id is enough.
 */
public final class RegistryWriterSchemas implements WriterSchemas {
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, String> byId = new ConcurrentHashMap<>();

    public RegistryWriterSchemas(URI registryBaseUrl) {
        this.api = URI.create(registryBaseUrl.toString().replaceAll("/+$", "") + "/apis/ccompat/v7/");
    }

    @Override
    public Optional<String> json(int id) {
        return Optional.ofNullable(byId.computeIfAbsent(id, this::fetch));
    }

    @Override
    public Optional<String> latest(String subject) {
        return Optional.ofNullable(get("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions/latest",
                "subject " + subject));
    }

    /** The schema's text, or null (kept out of the map) when the registry holds no such id. */
    private String fetch(int id) {
        return get("schemas/ids/" + id, "schema id " + id);
    }

    private String get(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("schema registry at " + api + " answered " + response.statusCode()
                        + " for " + what + ": " + response.body());
            }
            JsonNode body = json.readTree(response.body());
            return body.path("schema").asText();
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + api + " did not answer for " + what
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + what, e);
        }
    }
}

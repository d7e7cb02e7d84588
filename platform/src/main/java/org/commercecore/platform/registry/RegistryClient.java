package org.commercecore.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client of the registry's Confluent-compatible API ({@code /apis/ccompat/v7}): the same API a
 * Confluent client uses, so the project can move to any Confluent-compatible registry.
 *
 * <p>Registration is strictly one call after another: the embedded registry fails registrations
 * that arrive at the same moment, so schemas are registered once, up front, before any app
 * starts; apps then only look schemas up (auto-registration off, as in production).
 */
public final class RegistryClient implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int ATTEMPTS = 5;

    private final URI api;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public RegistryClient(URI registryBaseUrl) {
        this.api = compatApi(registryBaseUrl);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The Confluent-compatible API under a registry's base URL, with a trailing slash. */
    public static URI compatApi(URI registryBaseUrl) {
        return URI.create(registryBaseUrl.toString().replaceAll("/+$", "") + "/apis/ccompat/v7/");
    }

    public void setGlobalCompatibility(Compatibility level) {
        send("PUT", "config", Map.of("compatibility", level.name()));
    }

    public void setCompatibility(String subject, Compatibility level) {
        send("PUT", "config/" + encode(subject), Map.of("compatibility", level.name()));
    }

    /**
     * Registers the schema under the subject (a no-op returning the existing id if it is already
     * there) and returns its id. Throws {@link IncompatibleSchemaException} if the subject's
     * compatibility rule refuses it.
     */
    @Override
    public int register(String subject, Schema schema) {
        JsonNode body = send("POST", "subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
        return body.path("id").asInt();
    }

    /**
     * The id under which exactly this schema is registered for the subject, or empty if it is not
     * registered there (the registry answers 404 for an unknown subject or schema).
     */
    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        JsonNode body = send("POST", "subjects/" + encode(subject), Map.of("schema", schema.toString()), true);
        return body.has("id") ? Optional.of(body.get("id").asInt()) : Optional.empty();
    }

    public boolean isCompatibleWithLatest(String subject, Schema schema) {
        JsonNode body = send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest",
                Map.of("schema", schema.toString()));
        return body.path("is_compatible").asBoolean(false);
    }

    /** The schema text stored under an id, as a Confluent deserializer would fetch it. */
    @Override
    public Schema schemaById(int id) {
        JsonNode body = send("GET", "schemas/ids/" + id, null);
        return new Schema.Parser().parse(body.path("schema").asText());
    }

    private JsonNode send(String method, String path, Object body) {
        return send(method, path, body, false);
    }

    /** With {@code notFoundIsEmpty}, a 404 answers an empty object instead of failing. */
    private JsonNode send(String method, String path, Object body, boolean notFoundIsEmpty) {
        HttpRequest request = request(method, path, body);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new RegistryUnavailableException("schema registry at " + api + " did not answer " + method
                            + " " + path + ": " + e.getMessage(), e);
                }
                pause(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling the schema registry", e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(response.body());
            }
            if (status == 404 && notFoundIsEmpty) {
                return json.createObjectNode();
            }
            if (status == 409) {
                String subject = path.startsWith("subjects/") ? path.split("/")[1] : path;
                throw new IncompatibleSchemaException(URLDecoder.decode(subject, StandardCharsets.UTF_8), response.body());
            }
            if (status / 100 != 5) {
                throw new IllegalStateException("schema registry answered " + status + " to " + method + " " + path
                        + ": " + response.body());
            }
            // 5xx: the embedded registry's storage fails transiently; retrying is safe because every
            // call here is idempotent (registering the same schema again returns the same id)
            if (attempt >= ATTEMPTS) {
                throw new RegistryUnavailableException("schema registry answered " + status + " to " + method + " " + path
                        + " " + ATTEMPTS + " times: " + response.body(), null);
            }
            pause(attempt);
        }
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE);
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
            if (body != null) {
                builder.header("Content-Type", CONTENT_TYPE);
            }
            return builder.method(method, publisher).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("schema registry sent a body that is not JSON: " + body, e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying the schema registry", e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}

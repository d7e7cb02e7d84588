package org.commercecore.connectors;

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
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka Connect REST API, as an operator uses it. Sends HTTP basic credentials when given
 * (a worker outside dev runs Kafka's BasicAuthSecurityRestExtension).
 */
public final class ConnectClient {
    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public ConnectClient(URI base, String user, String password) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.authorization = user == null || user.isBlank() ? Optional.empty()
                : Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Creates the connector or updates its config; true if it was created. Idempotent. */
    public boolean apply(ConnectorConfig connector) {
        HttpResponse<String> r = send("PUT", "connectors/" + encode(connector.name()) + "/config", connector.config());
        return r.statusCode() == 201;
    }

    /**
     * Waits until the connector and every one of its tasks run. A task that fails fails the wait
     * with its error, since waiting longer would not mend it.
     */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status yet";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode status = status(name);
                JsonNode tasks = status.path("tasks");
                for (JsonNode task : tasks) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new ConnectException("connector " + name + " task " + task.path("id").asText() + " FAILED: "
                                + task.path("trace").asText().lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
                    }
                }
                boolean running = "RUNNING".equals(status.path("connector").path("state").asText()) && tasks.size() > 0;
                for (JsonNode task : tasks) {
                    running &= "RUNNING".equals(task.path("state").asText());
                }
                if (running) {
                    return;
                }
                last = status.toString();
            } catch (ConnectException e) {
                if (e.getMessage().contains("FAILED")) {
                    throw e;
                }
                last = e.getMessage(); // not known yet right after it was created
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for connector " + name);
            }
        }
        throw new ConnectException("connector " + name + " not RUNNING after " + timeout.toSeconds() + " s; last status: " + last);
    }

    public JsonNode connectors() {
        return body(send("GET", "connectors?expand=status", null));
    }

    public JsonNode status(String name) {
        return body(send("GET", "connectors/" + encode(name) + "/status", null));
    }

    public void pause(String name) {
        send("PUT", "connectors/" + encode(name) + "/pause", null);
    }

    public void resume(String name) {
        send("PUT", "connectors/" + encode(name) + "/resume", null);
    }

    /** Stops the connector and its tasks but keeps its config (required before its offsets can be changed). */
    public void stop(String name) {
        send("PUT", "connectors/" + encode(name) + "/stop", null);
    }

    /** Restarts the failed tasks (and the connector if it failed); healthy ones keep running. */
    public JsonNode restartFailed(String name) {
        return body(send("POST", "connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=true", null));
    }

    public JsonNode offsets(String name) {
        return body(send("GET", "connectors/" + encode(name) + "/offsets", null));
    }

    /** Forgets the connector's offsets; it must be stopped. A source then starts over (e.g. a new snapshot). */
    public JsonNode resetOffsets(String name) {
        return body(send("DELETE", "connectors/" + encode(name) + "/offsets", null));
    }

    public void delete(String name) {
        send("DELETE", "connectors/" + encode(name), null);
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            authorization.ifPresent(a -> request.header("Authorization", a));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new ConnectException(method + " " + path + " answered 401: " + (authorization.isPresent()
                        ? "the worker does not accept this login (" + ConnectSettings.CONNECT_USER.envName() + ", "
                        + ConnectSettings.CONNECT_PASSWORD.envName() + ")"
                        : "the worker requires a login; set " + ConnectSettings.CONNECT_USER.envName() + " and "
                        + ConnectSettings.CONNECT_PASSWORD.envName())
                        + " (the local stack keeps its own in .run/local-stack/credentials.env)");
            }
            if (response.statusCode() / 100 != 2) {
                throw new ConnectException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new ConnectException("Kafka Connect at " + base + " did not answer " + method + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while calling Kafka Connect");
        }
    }

    private JsonNode body(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectException("Kafka Connect sent a body that is not JSON: " + response.body());
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** A Connect REST call failed; the message says which and what the worker answered. */
    public static final class ConnectException extends RuntimeException {
        public ConnectException(String message) {
            super(message);
        }
    }

    /** For tests and tools: a config map as the worker returns it. */
    public Map<String, String> config(String name) {
        JsonNode node = body(send("GET", "connectors/" + encode(name) + "/config", null));
        Map<String, String> config = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }
}

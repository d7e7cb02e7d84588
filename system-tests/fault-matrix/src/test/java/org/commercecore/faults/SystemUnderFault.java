package org.commercecore.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackCredentials;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.localstack.parts.KafkaBroker;
import org.commercecore.platform.config.PlatformSettings;

/**
 * The whole system as {@code local-stack/run --brokers 3} runs it (three brokers, every app in a
 * JVM of its own), stocked with products and customers through the gateway, and the faults that can
 * be done to it: each one kills a process with SIGKILL and brings it back on its data.
 */
final class SystemUnderFault implements AutoCloseable {
    /** Stock enough for every order, but one SKU runs out: rejections and their releases are part of every run. */
    static final Map<String, Integer> STOCK = Map.of("FM-1", 1_000_000, "FM-2", 1_000_000, "FM-3", 1_000_000, "FM-LOW", 40);
    private static final int CUSTOMERS = 8;
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(8);
    private static final Duration REGISTRY_DOWN = Duration.ofSeconds(30);
    private static final List<String> APPS_KILLED = List.of("commerce-orders", "commerce-inventory", "commerce-payments",
            "commerce-customers", "commerce-notifications", LocalStack.COMMAND_API, "query-api-1", LocalStack.GATEWAY);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The customers log in once, before the load: their access tokens must outlive a soak (15 min by
     * default; the first soak's clients were refused with 401 from its 16th minute on).
     */
    private static final String ACCESS_LIFETIME = "12h";

    /** One fault: {@code inject} does it and returns once the part is back. */
    record Fault(String name, Runnable inject) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalStack stack;
    private final URI api;
    private final List<String> customers = new ArrayList<>();

    private SystemUnderFault(LocalStack stack) {
        this.stack = stack;
        this.api = stack.gatewayUrl().orElseThrow().resolve("/api/v1/");
    }

    /** Starts the stack under {@code runDir}, stocks {@link #STOCK} and registers the customers the load orders as. */
    static SystemUnderFault start(Path runDir) throws Exception {
        StackSettings settings = StackSettings.embedded(StackSettings.findHome(), runDir, FreePorts.block(6),
                        FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one())
                .withBrokers(3)
                .withApps(FreePorts.block(LocalStack.APPS.size()), FreePorts.one(), 2);
        LocalStack stack = new LocalStack(settings).withAppExtras(app -> app.name().equals(LocalStack.COMMAND_API)
                ? new AppProcess.Extras(List.of(), Map.of("COMMERCE_AUTH_ACCESS_LIFETIME", ACCESS_LIFETIME))
                : AppProcess.Extras.NONE).startWith(LocalStack.defaultTopics());
        System.out.printf("stack with every app up in %.1f s:%n%s", stack.startupTime().toMillis() / 1000.0, stack.describe());
        SystemUnderFault system = new SystemUnderFault(stack);
        try {
            system.stockAndRegister();
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void stockAndRegister() throws Exception {
        String admin = await().atMost(Duration.ofSeconds(60)).until(() -> login(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL.devDefault()
                .orElseThrow(), stack.credentials().value(StackCredentials.ADMIN_PASSWORD).orElseThrow()), t -> t != null);
        for (var sku : STOCK.entrySet()) {
            expect(request("PUT", "products/" + sku.getKey(), "{\"name\":\"" + sku.getKey()
                    + "\",\"price_minor\":100,\"currency\":\"EUR\",\"low_stock_threshold\":5}", admin), 200, 201);
            expect(request("POST", "products/" + sku.getKey() + "/stock-adjustments", "{\"quantity_delta\":" + sku.getValue()
                    + ",\"reason\":\"INITIAL\"}", admin), 202);
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            String email = "fm-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            expect(request("POST", "users", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"display_name\":\"F\"}",
                    null), 201);
            customers.add(login(email, "correct horse battery"));
        }
    }

    /** One at a time, each process the system runs on: every Streams app, the APIs, the gateway, a broker, PostgreSQL, Redis, AMQP, the registry. */
    List<Fault> faults() {
        List<Fault> faults = new ArrayList<>();
        for (String name : APPS_KILLED) {
            faults.add(new Fault("SIGKILL " + name, () -> {
                AppProcess app = stack.app(name);
                app.kill();
                pause(DOWN);
                stack.restart(app);
            }));
        }
        KafkaBroker broker = stack.kafkaCluster().orElseThrow().brokers().get(1);
        faults.add(new Fault("SIGKILL " + broker.name(), () -> {
            broker.kill();
            pause(BROKER_DOWN); // the system runs on two of three brokers
            stack.restart(broker);
        }));
        faults.add(new Fault("SIGKILL postgresql", () -> stack.crashAndRestart("postgresql", DOWN)));
        faults.add(new Fault("SIGKILL redis", () -> stack.crashAndRestart("redis", DOWN)));
        faults.add(new Fault("SIGKILL amqp-broker", () -> stack.crashAndRestart("amqp-broker", DOWN)));
        faults.add(new Fault("schema-registry away for 30 s", () -> stack.crashAndRestart("schema-registry", REGISTRY_DOWN)));
        return faults;
    }

    /** A load of orders through the gateway, by this system's customers, over its SKUs (not started yet). */
    OrderLoad load() {
        return new OrderLoad(api, customers, List.copyOf(STOCK.keySet()));
    }

    LocalStack stack() {
        return stack;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String login(String email, String password) throws Exception {
        HttpResponse<String> response = request("POST", "auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("access_token").asText() : null;
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    private HttpResponse<String> request(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        stack.close();
    }
}

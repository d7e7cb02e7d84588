package org.commercecore.gatewaye2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackCredentials;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.platform.config.PlatformSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A client's view of the real stack through the gateway: every app in its own JVM, started as
 * local-stack/run starts them, and the client calling nothing but the gateway's {@code /api/v1}.
 * What reached a service is read from the service's own request counts. The tests that take query
 * instances down run last, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String SKU = "GW-KETTLE";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalStack stack;
    private URI api;
    private String admin;
    private String customer;

    @BeforeAll
    void start() throws Exception {
        Path home = StackSettings.findHome();
        StackSettings settings = StackSettings.embedded(home, Path.of("target", "gateway-it").toAbsolutePath(), FreePorts.pair(),
                FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one())
                .withApps(FreePorts.block(LocalStack.APPS.size()), FreePorts.one(), 2);
        // observed, as local-stack/run --observe runs it: every app with the tracing agent, and Zipkin
        stack = new LocalStack(settings).observed(FreePorts.one(), FreePorts.one()).startWith(LocalStack.defaultTopics());
        System.out.printf("stack with every app up in %.1f s:%n%s", stack.startupTime().toMillis() / 1000.0, stack.describe());
        api = stack.gatewayUrl().orElseThrow().resolve("/api/v1/");
        String adminPassword = stack.credentials().value(StackCredentials.ADMIN_PASSWORD).orElseThrow();
        admin = await().atMost(Duration.ofSeconds(60)).until(
                () -> login(PlatformSettings.BOOTSTRAP_ADMIN_EMAIL.devDefault().orElseThrow(), adminPassword), t -> t != null);
        String email = "gw-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(send("POST", "users", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"display_name\":\"Gia\"}",
                null).statusCode()).isEqualTo(201);
        customer = login(email, "correct horse battery");
        assertThat(send("PUT", "products/" + SKU, "{\"name\":\"Kettle\",\"price_minor\":2490,\"currency\":\"EUR\",\"low_stock_threshold\":1}",
                admin).statusCode()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", "products/" + SKU, null, admin).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void tokensThatAreMissingForgedExpiredOrUnsignedAreRefusedBeforeAnyService() throws Exception {
        long before = servedByQueryApis("/orders/{id}");
        String[] parts = customer.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String expiredPayload = payload.replaceAll("\"exp\":\\d+", "\"exp\":" + (System.currentTimeMillis() / 1000 - 600));
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        String expired = parts[0] + "." + b64(expiredPayload) + "." + parts[2]; // re-signing needs the secret: the signature no longer fits either
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload.replace("CUSTOMER", "ADMIN")) + ".";
        for (String token : new String[] {null, forged, expired, unsigned}) {
            HttpResponse<String> answer = send("GET", "orders/" + UUID.randomUUID(), null, token);
            assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(servedByQueryApis("/orders/{id}")).isEqualTo(before);
        // while a valid token's request is counted where it arrives
        assertThat(send("GET", "orders/" + UUID.randomUUID(), null, customer).statusCode()).isEqualTo(404);
        assertThat(servedByQueryApis("/orders/{id}")).isEqualTo(before + 1);
    }

    @Test
    void theSecondAnonymousProductReadComesFromTheCacheAndItsTagGets304() throws Exception {
        long before = servedByQueryApis("/products/{sku}");
        HttpResponse<String> first = send("GET", "products/" + SKU, null, null);
        HttpResponse<String> second = send("GET", "products/" + SKU, null, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Gateway-Cache")).hasValue("hit");
        assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = http.send(HttpRequest.newBuilder(api.resolve("products/" + SKU)).header("If-None-Match", etag)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(first.headers().firstValue("X-Gateway-Cache")).hasValue("miss"); // no other test reads this product anonymously
        assertThat(servedByQueryApis("/products/{sku}") - before).isEqualTo(1);
    }

    /**
     * The code flow through every real part: the gateway, the command API (codes in Redis, tasks on
     * the AMQP broker), the notifications app's code mail worker, SMTP to the stack's mail catcher.
     */
    @Test
    void codesMailedThroughTheStackVerifyTheEmailAndLogIn() throws Exception {
        String email = "zoe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(send("POST", "users", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\","
                + "\"display_name\":\"<i>Zoe</i> & Co\"}", null).statusCode()).isEqualTo(201);
        MimeMessage verification = awaitMail(email, "Confirm your e-mail address: ");
        Multipart parts = (Multipart) verification.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hello <i>Zoe</i> & Co,");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("Hello &lt;i&gt;Zoe&lt;/i&gt; &amp; Co,").doesNotContain("<i>Zoe");
        String token = login(email, "correct horse battery");
        assertThat(send("POST", "users/me/email-verification/confirm", "{\"code\":\"" + codeIn(verification) + "\"}", token)
                .statusCode()).isEqualTo(204);
        assertThat(send("GET", "users/me", null, token).body()).contains("\"email_verified\":true");

        assertThat(send("POST", "auth/otp", "{\"email\":\"" + email + "\"}", null).statusCode()).isEqualTo(202);
        String code = codeIn(awaitMail(email, "Your login code: "));
        HttpResponse<String> tokens = send("POST", "auth/otp/verify", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null);
        assertThat(tokens.statusCode()).isEqualTo(200);
        Matcher access = ACCESS_TOKEN.matcher(tokens.body());
        assertThat(access.find()).isTrue();
        assertThat(send("GET", "users/me", null, access.group(1)).statusCode()).isEqualTo(200);
        assertThat(send("POST", "auth/otp/verify", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null).statusCode())
                .as("used once").isEqualTo(401);
    }

    /**
     * The observed stack's Prometheus (when one is installed: .ci/run unpacks Debian's before the
     * build) scrapes every app and has loaded every alert rule of observability/.
     */
    @Test
    void prometheusScrapesEveryAppAndHasLoadedTheAlertRules() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(stack.prometheus().isPresent(), "no Prometheus installed");
        URI prometheus = stack.prometheus().orElseThrow().url();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> up = new ArrayList<>();
            json.readTree(http.send(HttpRequest.newBuilder(prometheus.resolve("api/v1/targets?state=active")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("data").path("activeTargets").forEach(target -> {
                        if ("up".equals(target.path("health").asText())) {
                            up.add(target.path("labels").path("job").asText());
                        }
                    });
            assertThat(up).containsExactlyInAnyOrderElementsOf(LocalStack.APPS.stream().map(AppProcess.App::name).toList());
        });
        List<String> loaded = new ArrayList<>();
        json.readTree(http.send(HttpRequest.newBuilder(prometheus.resolve("api/v1/rules?type=alert")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data").path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> loaded.add(rule.path("name").asText())));
        Matcher alert = Pattern.compile("(?m)^\\s+- alert: (\\w+)$").matcher(
                java.nio.file.Files.readString(StackSettings.findHome().resolve("observability/prometheus/alerts.yml")));
        List<String> defined = new ArrayList<>();
        while (alert.find()) {
            defined.add(alert.group(1));
        }
        assertThat(defined).hasSizeGreaterThan(10);
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(defined);
    }

    /**
     * The CDC path on the connect monitor's /metrics: Debezium's source task running (and no task of
     * any connector failed), its replication slot streamed from, and how much WAL the slot holds.
     */
    @Test
    void theConnectMonitorReportsEveryConnectorsTasksAndTheReplicationSlot() throws Exception {
        URI monitor = opsOf(LocalStack.CONNECT_MONITOR);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(monitor);
            assertThat(scrape.sum("commerce_connect_up")).isEqualTo(1);
            for (String connector : List.of("commerce-postgres-source", "commerce-order-status-sink", "commerce-daily-totals-sink")) {
                assertThat(scrape.sum("commerce_connect_tasks", "connector", connector)).as(connector).isPositive();
                assertThat(scrape.sum("commerce_connect_connector_state", "connector", connector)).as(connector).isEqualTo(1);
            }
            assertThat(scrape.sum("commerce_connect_tasks", "state", "failed")).isZero();
            assertThat(scrape.sum("commerce_cdc_replication_slot_active", "slot", "commerce_cdc")).isEqualTo(1);
            assertThat(scrape.has("commerce_cdc_replication_slot_lag_bytes")).isTrue();
        });
    }

    /**
     * One trace follows an order: the client's traceparent is continued by the gateway, the command API
     * and its PostgreSQL transaction, across CDC by the orders intake (from the row's trace_parent),
     * through inventory, payments and the saga, to the notification's delivery. Read back from Zipkin.
     */
    @Test
    void oneTraceFollowsAnOrderFromTheGatewayAcrossCdcAndEveryTopologyToItsNotification() throws Exception {
        String traceId = hex(16);
        assertThat(send("POST", "products/" + SKU + "/stock-adjustments", "{\"quantity_delta\":5,\"reason\":\"RESTOCK\"}", admin)
                .statusCode()).isIn(200, 201, 202);
        HttpResponse<String> order = send("POST", "orders", "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}", customer,
                "Idempotency-Key", UUID.randomUUID().toString(), "traceparent", "00-" + traceId + "-" + hex(8) + "-01");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(202);

        URI zipkin = stack.zipkin().orElseThrow().url();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Trace trace = Trace.fetch(zipkin, traceId);
            assertThat(trace.services()).as("%s", trace).contains(LocalStack.GATEWAY, LocalStack.COMMAND_API, "commerce-orders",
                    "commerce-inventory", "commerce-payments", LocalStack.NOTIFICATIONS);
            assertThat(trace.spanNames(LocalStack.COMMAND_API)).as("%s", trace).contains("insert postgres.orders");
            assertThat(trace.spanNames("commerce-orders")).as("%s", trace).contains("orders intake", "orders.events.v1 publish");
            // the delivery worker taking the notification off its topic, and sending it
            assertThat(trace.spanNames(LocalStack.NOTIFICATIONS)).as("%s", trace).contains("notifications.v1 process")
                    .anySatisfy(name -> assertThat(name).endsWith(" delivery"));
        });
    }

    /**
     * An order placed through the gateway moves the business series of every service it crosses,
     * each read from that service's own {@code /metrics}, and every service reports its group's lag.
     */
    @Test
    void anOrderMovesTheBusinessSeriesOfEveryServiceItCrosses() throws Exception {
        URI orders = opsOf("commerce-orders");
        URI payments = opsOf("commerce-payments");
        URI inventory = opsOf("commerce-inventory");
        URI notifications = opsOf("commerce-notifications");
        double placed = Scrape.of(orders).sum("commerce_orders_placed_total");
        double confirmed = Scrape.of(orders).sum("commerce_orders_transitions_total", "to_status", "confirmed");
        double authorized = Scrape.of(payments).sum("commerce_payments_events_total", "kind", "authorized");
        double reserved = Scrape.of(inventory).sum("commerce_inventory_events_total", "kind", "reserved");
        double delivered = Scrape.of(notifications).sum("commerce_notifications_deliveries_total", "status", "delivered");
        double sagas = Scrape.of(orders).sum("commerce_orders_saga_duration_seconds_count", "outcome", "confirmed");

        assertThat(send("POST", "products/" + SKU + "/stock-adjustments", "{\"quantity_delta\":5,\"reason\":\"RESTOCK\"}", admin)
                .statusCode()).isIn(200, 201, 202);
        HttpResponse<String> order = send("POST", "orders", "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}", customer,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"order_id\"\\s*:\\s*\"([^\"]+)\"").matcher(order.body());
        assertThat(id.find()).as(order.body()).isTrue();
        assertThat(send("GET", "orders/" + id.group(1) + "?waitFor=CONFIRMED&timeout=30s", null, customer).body())
                .contains("\"status\":\"CONFIRMED\"");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape o = Scrape.of(orders);
            assertThat(o.sum("commerce_orders_placed_total")).isGreaterThan(placed);
            assertThat(o.sum("commerce_orders_transitions_total", "to_status", "confirmed")).isGreaterThan(confirmed);
            assertThat(o.sum("commerce_orders_saga_duration_seconds_count", "outcome", "confirmed")).isGreaterThan(sagas);
            assertThat(o.sum("commerce_orders_saga_duration_seconds_bucket", "outcome", "confirmed")).isPositive();
            assertThat(Scrape.of(payments).sum("commerce_payments_events_total", "kind", "authorized")).isGreaterThan(authorized);
            assertThat(Scrape.of(inventory).sum("commerce_inventory_events_total", "kind", "reserved")).isGreaterThan(reserved);
            assertThat(Scrape.of(notifications).sum("commerce_notifications_deliveries_total", "status", "delivered"))
                    .isGreaterThan(delivered);
        });
        for (URI app : List.of(orders, payments, inventory, notifications, opsOf("query-api-1"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Scrape.of(app).has("commerce_consumer_lag"))
                    .as("consumer lag on " + app).isTrue());
        }
        assertThat(send("GET", "users/me", null, null).statusCode()).isEqualTo(401);
        assertThat(Scrape.of(opsOf(LocalStack.GATEWAY)).sum("commerce_gateway_auth_refused_total", "reason", "missing_token"))
                .isPositive();
        assertThat(Scrape.of(opsOf(LocalStack.COMMAND_API)).sum("commerce_codes_sends_total", "result", "queued")).isPositive();
        assertThat(Scrape.of(opsOf(LocalStack.COMMAND_API)).has("hikaricp_connections_active")).isTrue();
    }

    /**
     * A client's whole journey (register, log in with a password, refresh, verify the e-mail and log
     * in with codes, order), then every log file of the stack's processes: none holds the password,
     * a token or a code. Codes are matched as whole numbers, not inside longer ones (offsets, times).
     */
    @Test
    void noLogLineOfAnyServiceHoldsAPasswordATokenOrACode() throws Exception {
        String email = "log-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String password = "secret-" + UUID.randomUUID();
        assertThat(send("POST", "users", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null).statusCode())
                .isEqualTo(201);
        List<String> secrets = new ArrayList<>(List.of(password));
        List<String> codes = new ArrayList<>();
        codes.add(codeIn(awaitMail(email, "Confirm your e-mail address: ")));
        HttpResponse<String> login = send("POST", "auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        String access = field(login.body(), "access_token");
        String refresh = field(login.body(), "refresh_token");
        secrets.addAll(List.of(access, refresh));
        HttpResponse<String> refreshed = send("POST", "auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        secrets.addAll(List.of(field(refreshed.body(), "access_token"), field(refreshed.body(), "refresh_token")));
        assertThat(send("POST", "users/me/email-verification/confirm", "{\"code\":\"" + codes.get(0) + "\"}", access).statusCode())
                .isEqualTo(204);
        assertThat(send("POST", "auth/otp", "{\"email\":\"" + email + "\"}", null).statusCode()).isEqualTo(202);
        codes.add(codeIn(awaitMail(email, "Your login code: ")));
        HttpResponse<String> byCode = send("POST", "auth/otp/verify", "{\"email\":\"" + email + "\",\"code\":\"" + codes.get(1) + "\"}",
                null);
        String codeAccess = field(byCode.body(), "access_token");
        secrets.addAll(List.of(codeAccess, field(byCode.body(), "refresh_token")));
        assertThat(send("POST", "orders", "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}", codeAccess,
                "Idempotency-Key", UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
        assertThat(send("GET", "users/me", null, codeAccess).statusCode()).isEqualTo(200);

        List<Path> logs;
        try (var files = java.nio.file.Files.walk(Path.of("target", "gateway-it"))) {
            // the processes' own logs; not Kafka's segments or RocksDB's write-ahead logs, which are data
            Path run = Path.of("target", "gateway-it");
            logs = files.filter(f -> f.toString().endsWith(".log") && !f.startsWith(run.resolve("kafka"))
                    && !run.relativize(f).toString().contains("/state/")).toList();
        }
        assertThat(logs).extracting(f -> f.getFileName().toString()).contains("command-api.log", "gateway.log",
                "commerce-notifications.log", "commerce-orders.log", "query-api-1.log", "amqp-broker.log", "registry.log");
        for (Path log : logs) {
            String text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(text.contains(secret)).as(log + " holds a password or token").isFalse();
            }
            for (String code : codes) {
                assertThat(Pattern.compile("(?<![0-9])" + code + "(?![0-9])").matcher(text).find()).as(log + " holds a code").isFalse();
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    /**
     * Every series the dashboards and alert rules of observability/ name is one the running services
     * expose. After the unordered tests (so 401s, 429s, codes and orders have happened), before
     * query instances are killed.
     */
    @Test
    @Order(Order.DEFAULT + 1)
    void everySeriesTheDashboardsAndAlertRulesNameIsExposed() throws Exception {
        Path observability = StackSettings.findHome().resolve("observability");
        List<String> queries = new ArrayList<>();
        Matcher dashboard = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(
                java.nio.file.Files.readString(observability.resolve("grafana/dashboards/commerce-overview.json")));
        while (dashboard.find()) {
            queries.add(dashboard.group(1).replace("\\\"", "\""));
        }
        // an expr is its own line, or a folded block (>) up to the rule's next key
        Matcher rules = Pattern.compile("(?m)^\\s+expr:\\s*(>\\s*\\n)?((?:.+\\n)+?)(?=\\s+(for|labels|annotations):)").matcher(
                java.nio.file.Files.readString(observability.resolve("prometheus/alerts.yml")));
        while (rules.find()) {
            queries.add(rules.group(2));
        }
        assertThat(queries).hasSizeGreaterThan(20);
        StringBuilder scraped = new StringBuilder();
        for (AppProcess.App app : LocalStack.APPS) {
            scraped.append(Scrape.of(opsOf(app.name())).names()).append(' ');
        }
        for (String query : queries) {
            for (String series : seriesIn(query)) {
                assertThat(scraped.toString()).as(series + " in " + query).contains(" " + series + " ");
            }
        }
    }

    /** The metric names a PromQL query reads: what is left after selectors, groupings and strings, less the functions. */
    private static List<String> seriesIn(String query) {
        String bare = query.replaceAll("\\{[^}]*}", " ").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ")
                .replaceAll("\"[^\"]*\"", " ").replaceAll("\\[[^]]*]", " ");
        List<String> names = new ArrayList<>();
        Matcher token = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (token.find()) {
            String t = token.group();
            if (t.contains("_") && !List.of("histogram_quantile", "clamp_min", "clamp_max", "label_replace").contains(t)) {
                names.add(t);
            }
        }
        return names;
    }

    private URI opsOf(String app) {
        return stack.appUrl(app).orElseThrow(() -> new AssertionError(app + " is not in the stack"));
    }

    private MimeMessage awaitMail(String to, String subjectPrefix) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage m : stack.mailCatcher().received()) {
                if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to) && m.getSubject().startsWith(subjectPrefix)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static String codeIn(MimeMessage mail) throws Exception {
        Matcher code = Pattern.compile(": ([0-9]{6})$").matcher(mail.getSubject());
        assertThat(code.find()).as(mail.getSubject()).isTrue();
        return code.group(1);
    }

    @Test
    void thirtyWrongPasswordsAreStoppedBeforeTheThirtieth() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        send("POST", "users", "{\"email\":\"" + victim + "\",\"password\":\"the real password\",\"display_name\":\"V\"}", null);
        long before = Served.count(stack.appUrl(LocalStack.COMMAND_API).orElseThrow(), "/auth/login");
        int refusedAt = -1;
        for (int i = 1; i <= 30 && refusedAt < 0; i++) {
            HttpResponse<String> answer = send("POST", "auth/login", "{\"email\":\"" + victim + "\",\"password\":\"guess " + i + "\"}", null);
            if (answer.statusCode() == 429) {
                refusedAt = i;
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(answer.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refusedAt).as("the attempt refused first").isBetween(2, 29);
        // after the gateway's burst (10 per account) no guess reached the command API at all
        assertThat(Served.count(stack.appUrl(LocalStack.COMMAND_API).orElseThrow(), "/auth/login") - before).isLessThanOrEqualTo(10);
    }

    @Test
    void aBurstOverTheAnonymousLimitGets429ThenRecoversAfterTheWindow() throws Exception {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            HttpResponse<String> answer = send("GET", "products/top?window=1h", null, null);
            if (answer.statusCode() == 429) {
                refused = answer;
            }
        }
        assertThat(refused).as("a 429 within 200 requests").isNotNull();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        long wait = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // a refused request takes no token, so asking again while refused does not delay the recovery
        await().atMost(Duration.ofSeconds(wait).plusSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> send("GET", "products/top?window=1h", null, null).statusCode() == 200);
        // the tests after this one read anonymously too: wait until the bucket is nearly full again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> send("GET", "products/top?window=1h",
                null, null).headers().firstValue("RateLimit-Remaining").map(Long::parseLong).orElse(0L) >= 30);
    }

    @Test
    @Order(Order.DEFAULT + 2)
    void readsAreSpreadOverBothQueryInstances() {
        // a batch of 20 reads with a token (never cached) splits round robin; a batch is asked again only
        // if an instance was briefly out of the pool (its health check failed once)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            long one = Served.count(queryApi("query-api-1"), "/products/{sku}");
            long two = Served.count(queryApi("query-api-2"), "/products/{sku}");
            for (int i = 0; i < 20; i++) {
                assertThat(send("GET", "products/" + SKU, null, customer).statusCode()).isEqualTo(200);
            }
            assertThat(Served.count(queryApi("query-api-1"), "/products/{sku}") - one).isBetween(5L, 15L);
            assertThat(Served.count(queryApi("query-api-2"), "/products/{sku}") - two).isBetween(5L, 15L);
        });
    }

    @Test
    @Order(Order.DEFAULT + 3)
    void aKilledQueryInstanceLeavesThePoolAndTrafficGoesOnWithoutErrors() throws Exception {
        URI survivor = queryApi("query-api-2");
        kill("query-api-1");
        long killedAt = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int[] inARow = {0};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> answer = send("GET", "products/" + SKU, null, customer);
            if (answer.statusCode() == 200) {
                inARow[0]++;
            } else {
                inARow[0] = 0;
                failures.add(String.format("%.1f s: %d", (System.nanoTime() - killedAt) / 1e9, answer.statusCode()));
            }
            return inARow[0] >= 20;
        });
        System.out.printf("after query-api-1 was killed: %d failed reads until settled (%s), settled after %.1f s%n", failures.size(),
                failures, (System.nanoTime() - killedAt) / 1e9);
        long before = Served.count(survivor, "/products/{sku}");
        for (int i = 0; i < 30; i++) {
            assertThat(send("GET", "products/" + SKU, null, customer).statusCode()).as("read %d after the health window", i).isEqualTo(200);
        }
        assertThat(Served.count(survivor, "/products/{sku}") - before).isEqualTo(30);
    }

    @Test
    @Order(Order.DEFAULT + 4)
    void withEveryQueryInstanceDownItsRoutesAnswer503WithRetryAfterAtOnce() throws Exception {
        kill("query-api-2");
        // refused connections answer 503 at once too; the health checks then leave the pool empty
        await().atMost(Duration.ofSeconds(15)).until(() -> send("GET", "orders/" + UUID.randomUUID(), null, customer).statusCode() == 503);
        long began = System.nanoTime();
        HttpResponse<String> answer = send("GET", "orders/" + UUID.randomUUID(), null, customer);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(took).isLessThan(Duration.ofSeconds(5)); // the route's timeout is 35 s
        assertThat(send("GET", "users/me", null, customer).statusCode()).isEqualTo(200); // the command API's routes still work
    }

    private URI queryApi(String name) {
        return stack.appUrl(name).orElseThrow();
    }

    private long servedByQueryApis(String route) {
        return Served.count(queryApi("query-api-1"), route) + Served.count(queryApi("query-api-2"), route);
    }

    private void kill(String app) {
        ProcessHandle process = stack.parts().stream().filter(p -> p instanceof AppProcess && p.name().equals(app)).findFirst()
                .flatMap(p -> p.process()).orElseThrow();
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    private String login(String email, String password) throws Exception {
        HttpResponse<String> answer = send("POST", "auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        Matcher m = ACCESS_TOKEN.matcher(answer.body());
        return answer.statusCode() == 200 && m.find() ? m.group(1) : null;
    }

    private HttpResponse<String> send(String method, String path, String json, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(40))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

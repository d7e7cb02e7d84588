package org.commercecore.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commercecore.command.auth.LoginThrottle;
import org.commercecore.command.orders.Orders;
import org.commercecore.command.storage.Transactions;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.demo.ApiClient;
import org.commercecore.localstack.junit.CodeMailInbox;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.http.api.Problem;
import org.commercecore.platform.tasks.CodeMailTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The command API over HTTP, on a real PostgreSQL and Redis: what a client sees, status by status. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandApiIT {
    private static final String ADMIN_EMAIL = "admin@it.example";
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
    private static final int ADDRESS_LIMIT = 8;

    private CommandApiApp.Running api;
    private ApiClient http;
    private StackAddresses stack;
    private CodeMailInbox codes;

    @BeforeAll
    void start(StackAddresses stack) throws Exception {
        this.stack = stack;
        // the test is its own proxy: 127.0.0.1 is trusted, so a test can speak for a client address of its own in X-Forwarded-For
        api = CommandApiApp.start(new CommandApiConfig(0, stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                stack.redisUrl(), "a-test-secret-that-is-long-enough-0123456789", Duration.ofMinutes(15), Duration.ofDays(1),
                ADMIN_EMAIL, ADMIN_PASSWORD, "127.0.0.1", stack.amqp()).withLoginThrottling(new LoginThrottle.Limit(3, LOGIN_WINDOW),
                new LoginThrottle.Limit(ADDRESS_LIMIT, LOGIN_WINDOW), List.of("127.0.0.1")));
        http = new ApiClient(URI.create("http://127.0.0.1:" + api.port()));
        codes = new CodeMailInbox(stack.amqp());
    }

    @AfterAll
    void stop() throws Exception {
        if (codes != null) {
            codes.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aCustomerRegistersLogsInReadsAndChangesTheProfile() throws Exception {
        String email = unique("ada");
        ApiClient.Reply registered = http.post("/users", Map.of("email", email, "password", "correct horse battery", "display_name", "Ada"), null);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("role").asText()).isEqualTo("CUSTOMER");
        assertThat(registered.body().has("password_hash")).isFalse();

        ApiClient.Reply again = http.post("/users", Map.of("email", email.toUpperCase(), "password", "another password!"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith(Problem.CONTENT_TYPE);

        assertThat(http.post("/auth/login", Map.of("email", email, "password", "wrong password"), null).status()).isEqualTo(401);
        String token = login(email, "correct horse battery").path("access_token").asText();

        ApiClient.Reply me = http.get("/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("email").asText()).isEqualTo(email);
        ApiClient.Reply renamed = http.send("PATCH", "/users/me", Map.of("display_name", "Ada L."), token, Map.of());
        assertThat(renamed.body().path("display_name").asText()).isEqualTo("Ada L.");
        ApiClient.Reply newPassword = http.send("PATCH", "/users/me", Map.of("password", "a brand new password"), token, Map.of());
        assertThat(newPassword.status()).isEqualTo(400);
        assertThat(newPassword.errorFields()).containsExactly("current_password");
        ApiClient.Reply wrongCurrent = http.send("PATCH", "/users/me", Map.of("password", "a brand new password",
                "current_password", "not it at all"), token, Map.of());
        assertThat(wrongCurrent.status()).isEqualTo(422);

        assertThat(me.body().path("notifications").toString()).isEqualTo("{\"channels\":[\"EMAIL\"],\"opt_outs\":[]}");
        ApiClient.Reply optedOut = http.send("PATCH", "/users/me",
                Map.of("notifications", Map.of("opt_outs", List.of("ORDER_PLACED", "ORDER_SHIPPED"))), token, Map.of());
        assertThat(optedOut.status()).isEqualTo(200);
        assertThat(optedOut.body().path("notifications").toString())
                .isEqualTo("{\"channels\":[\"EMAIL\"],\"opt_outs\":[\"ORDER_PLACED\",\"ORDER_SHIPPED\"]}");
        ApiClient.Reply pushOnly = http.send("PATCH", "/users/me", Map.of("notifications", Map.of("channels", List.of("PUSH"))),
                token, Map.of());
        assertThat(http.get("/users/me", token).body().path("notifications").toString())
                .isEqualTo(pushOnly.body().path("notifications").toString())
                .isEqualTo("{\"channels\":[\"PUSH\"],\"opt_outs\":[\"ORDER_PLACED\",\"ORDER_SHIPPED\"]}");
        ApiClient.Reply badChannel = http.send("PATCH", "/users/me", Map.of("notifications", Map.of("channels", List.of("FAX"))),
                token, Map.of());
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.errorFields()).containsExactly("notifications.channels[0]");
        ApiClient.Reply wrongType = http.send("PATCH", "/users/me", Map.of("notifications", Map.of("channels", "EMAIL")),
                token, Map.of());
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void registrationMailsAVerificationCodeThatVerifiesTheEmailOnce() throws Exception {
        String email = unique("verify");
        ApiClient.Reply registered = http.post("/users", Map.of("email", email, "password", "correct horse battery"), null);
        assertThat(registered.body().path("email_verified").asBoolean()).isFalse();
        String code = codes.await(email, CodeMailTask.Purpose.VERIFY_EMAIL).code();
        String token = token(email);

        ApiClient.Reply malformed = http.post("/users/me/email-verification/confirm", Map.of("code", "12ab56"), token);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("code");
        ApiClient.Reply wrong = http.post("/users/me/email-verification/confirm", Map.of("code", otherCode(code)), token);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.errorFields()).containsExactly("code");
        assertThat(http.post("/users/me/email-verification/confirm", Map.of("code", code), token).status()).isEqualTo(204);
        assertThat(http.get("/users/me", token).body().path("email_verified").asBoolean()).isTrue();
        assertThat(http.post("/users/me/email-verification", Map.of(), token).status()).as("already verified: nothing sent")
                .isEqualTo(204);

        String moved = unique("moved");
        ApiClient.Reply changed = http.send("PATCH", "/users/me", Map.of("email", moved), token, Map.of());
        assertThat(changed.body().path("email_verified").asBoolean()).as("a new address is not proven").isFalse();
        String forNewAddress = codes.await(moved, CodeMailTask.Purpose.VERIFY_EMAIL).code();
        assertThat(http.post("/users/me/email-verification/confirm", Map.of("code", forNewAddress), token).status()).isEqualTo(204);
        assertThat(http.get("/users/me", token).body().path("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aLoginCodeIsExchangedForTokensOnceAndAnUnknownEmailLooksTheSame() throws Exception {
        String email = registered("otp");
        codes.await(email, CodeMailTask.Purpose.VERIFY_EMAIL);
        ApiClient.Reply sent = http.post("/auth/otp", Map.of("email", email), null);
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body().path("expires_in").asLong()).isEqualTo(600);
        CodeMailTask task = codes.await(email, CodeMailTask.Purpose.LOGIN);
        assertThat(task.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(590));

        assertThat(http.post("/auth/otp/verify", Map.of("email", email, "code", otherCode(task.code())), null).status()).isEqualTo(401);
        ApiClient.Reply tokens = http.post("/auth/otp/verify", Map.of("email", email.toUpperCase(), "code", task.code()), null);
        assertThat(tokens.status()).isEqualTo(200);
        String access = tokens.body().path("access_token").asText();
        assertThat(http.get("/users/me", access).body().path("email_verified").asBoolean()).as("the code reached the mailbox").isTrue();
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", tokens.body().path("refresh_token").asText()), null).status())
                .isEqualTo(200);
        ApiClient.Reply reused = http.post("/auth/otp/verify", Map.of("email", email, "code", task.code()), null);
        assertThat(reused.status()).isEqualTo(401);

        String nobody = unique("nobody");
        ApiClient.Reply forNobody = http.post("/auth/otp", Map.of("email", nobody), null);
        assertThat(forNobody.status()).isEqualTo(202);
        assertThat(forNobody.body().toString()).isEqualTo(sent.body().toString());
        assertThat(http.post("/auth/otp/verify", Map.of("email", nobody, "code", "123456"), null).body().path("detail").asText())
                .isEqualTo(reused.body().path("detail").asText());
        ApiClient.Reply noEmail = http.post("/auth/otp/verify", Map.of("code", "1234567"), null);
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.errorFields()).containsExactlyInAnyOrder("email", "code");
    }

    /**
     * Someone registers another person's address with a password of their own; the owner logs in by a
     * code mailed there. From then on the squatter's password and sessions are gone, and the owner sets
     * a password without knowing the old one.
     */
    @Test
    void aLoginByCodeToAnUnverifiedEmailEndsWhatTheRegistrantSetUp() throws Exception {
        String email = registered("squatted");
        codes.await(email, CodeMailTask.Purpose.VERIFY_EMAIL);
        String squatterRefresh = login(email, "correct horse battery").path("refresh_token").asText();

        http.post("/auth/otp", Map.of("email", email), null);
        ApiClient.Reply owner = http.post("/auth/otp/verify", Map.of("email", email,
                "code", codes.await(email, CodeMailTask.Purpose.LOGIN).code()), null);
        assertThat(owner.status()).isEqualTo(200);

        assertThat(http.post("/auth/login", Map.of("email", email, "password", "correct horse battery"), null).status())
                .as("the registrant's password").isEqualTo(401);
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", squatterRefresh), null).status())
                .as("the registrant's session").isEqualTo(401);
        String access = owner.body().path("access_token").asText();
        assertThat(http.send("PATCH", "/users/me", Map.of("password", "the owner's own password"), access, Map.of()).status())
                .isEqualTo(200);
        assertThat(login(email, "the owner's own password").path("access_token").asText()).isNotBlank();

        // once the address is proven, a later login by code takes nothing away
        http.post("/auth/otp", Map.of("email", email), null);
        assertThat(http.post("/auth/otp/verify", Map.of("email", email, "code", codes.await(email, CodeMailTask.Purpose.LOGIN).code()),
                null).status()).isEqualTo(200);
        assertThat(login(email, "the owner's own password").path("access_token").asText()).isNotBlank();
    }

    @Test
    void aLoginCodeStopsWorkingAfterTooManyWrongEntriesAndSendsAreLimited() throws Exception {
        String email = registered("guess");
        http.post("/auth/otp", Map.of("email", email), null);
        String code = codes.await(email, CodeMailTask.Purpose.LOGIN).code();
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/auth/otp/verify", Map.of("email", email, "code", otherCode(code)), null).status()).isEqualTo(401);
        }
        assertThat(http.post("/auth/otp/verify", Map.of("email", email, "code", code), null).status()).as("locked out").isEqualTo(401);

        String flooded = unique("flood");
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/auth/otp", Map.of("email", flooded), null).status()).isEqualTo(202);
        }
        ApiClient.Reply limited = http.post("/auth/otp", Map.of("email", flooded), null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void badInputIsA400NamingEveryField() throws Exception {
        ApiClient.Reply invalid = http.post("/users", Map.of("email", "not-an-email", "password", "short"), null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("email", "password");

        ApiClient.Reply unknownField = http.post("/users", Map.of("email", unique("x"), "password", "long enough pw", "admin", true), null);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.errorFields()).containsExactly("admin");

        ApiClient.Reply notJson = http.post("/users", "{\"email\": ", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("title").asText()).isEqualTo("The body is not valid JSON");
    }

    @Test
    void everyRouteTakingABodyRefusesABadOneWithA400AndStoresNothing() throws Exception {
        String admin = adminToken();
        product(admin, "IT-STRICT", 500);
        String customer = token(registered("strict"));
        String order = placeOrder(customer, UUID.randomUUID().toString(), Map.of("lines", List.of(Map.of("sku", "IT-STRICT", "quantity", 1))))
                .body().path("order_id").asText();
        Map<String, String> routes = Map.ofEntries(Map.entry("POST /users", ""), Map.entry("PATCH /users/me", customer),
                Map.entry("POST /auth/login", ""), Map.entry("POST /auth/refresh", ""), Map.entry("POST /auth/otp", ""),
                Map.entry("POST /auth/otp/verify", ""), Map.entry("POST /users/me/email-verification/confirm", customer),
                Map.entry("POST /orders", customer), Map.entry("POST /orders/" + order + "/cancel", customer),
                Map.entry("PUT /products/IT-STRICT", admin), Map.entry("POST /products/IT-STRICT/stock-adjustments", admin));
        routes.forEach((route, token) -> {
            String[] m = route.split(" ");
            Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            String who = token.isEmpty() ? null : token;
            assertThat(http.send(m[0], m[1], "null", who, key).status()).as(route + " null").isEqualTo(400);
            assertThat(http.send(m[0], m[1], "{\"reason\": \"a\\u0000b\", \"name\": \"a\\u0000b\", \"email\": \"a\\u0000@b.c\"}", who, key)
                    .status()).as(route + " NUL").isEqualTo(400);
            assertThat(http.send(m[0], m[1], "{} {}", who, key).status()).as(route + " two documents").isEqualTo(400);
        });

        ApiClient.Reply surrogate = http.post("/users", "{\"email\": \"" + unique("sur") + "\", \"password\": \"\\ud800 long enough\"}", null);
        assertThat(surrogate.errorFields()).containsExactly("password");
        ApiClient.Reply trailing = placeOrder(customer, UUID.randomUUID().toString(),
                "{\"lines\": [{\"sku\": \"IT-STRICT\", \"quantity\": 1}]} {\"lines\": []}");
        assertThat(trailing.status()).as("no order for a body with a second document").isEqualTo(400);
        ApiClient.Reply fraction = placeOrder(customer, UUID.randomUUID().toString(), "{\"lines\": [{\"sku\": \"IT-STRICT\", \"quantity\": 1.5}]}");
        assertThat(fraction.errorFields()).containsExactly("lines[0].quantity");
        assertThat(fraction.body().path("detail").asText()).doesNotContain("$").doesNotContain("START_").doesNotContain("java.");
    }

    @Test
    void aRefreshTokenWorksOnceAndLogoutRevokesIt() throws Exception {
        String email = registered("refresh");
        var first = login(email, "correct horse battery");
        String refresh = first.path("refresh_token").asText();
        try (RedisClient redis = RedisClient.create(stack.redisUrl())) {
            assertThat(redis.keys("session:*")).isNotEmpty().allSatisfy(k -> assertThat(redis.ttl(k)).isPositive());
        }

        ApiClient.Reply refreshed = http.post("/auth/refresh", Map.of("refresh_token", refresh), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.body().path("refresh_token").asText();
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", refresh), null).status()).as("used once").isEqualTo(401);
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", second), null).status())
                .as("a used token presented again revokes its whole family, the newer token too").isEqualTo(401);

        String third = login(email, "correct horse battery").path("refresh_token").asText();
        assertThat(http.post("/auth/logout", Map.of("refresh_token", third), null).status()).isEqualTo(204);
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", third), null).status()).as("logged out").isEqualTo(401);
        assertThat(http.get("/users/me", refreshed.body().path("access_token").asText()).status())
                .as("access tokens stay valid until they expire").isEqualTo(200);
    }

    @Test
    void anOrderIsPlacedOnceForARetryAndAnotherBodyUnderTheSameKeyIsAConflict() throws Exception {
        String admin = adminToken();
        product(admin, "IT-KETTLE", 2490);
        product(admin, "IT-MUG", 900);
        String customer = token(registered("orders"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", "IT-KETTLE", "quantity", 2), Map.of("sku", "IT-MUG", "quantity", 1)));

        ApiClient.Reply placed = placeOrder(customer, key, body);
        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.body().path("order_id").asText();
        assertThat(placed.header("Location")).isEqualTo("/orders/" + orderId);
        assertThat(placed.body().path("total_minor").asLong()).isEqualTo(5880);

        ApiClient.Reply retried = placeOrder(customer, key, body);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().path("order_id").asText()).isEqualTo(orderId);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");

        ApiClient.Reply otherBody = placeOrder(customer, key, Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", 5))));
        assertThat(otherBody.status()).isEqualTo(409);

        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*), max(total_minor), max(lines::text) FROM orders WHERE id = '" + orderId + "'")) {
            row.next();
            assertThat(row.getInt(1)).as("one row for the request and its retry").isEqualTo(1);
            assertThat(row.getLong(2)).isEqualTo(5880);
            assertThat(row.getString(3)).contains("\"unit_price_minor\": 2490");
        }

        // a day later the key has expired: it is free for a new order
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement()) {
            sql.execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 minute' WHERE key = '" + key + "'");
        }
        ApiClient.Reply afterExpiry = placeOrder(customer, key, Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", 5))));
        assertThat(afterExpiry.status()).isEqualTo(202);
        assertThat(afterExpiry.body().path("order_id").asText()).isNotEqualTo(orderId);

        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement()) {
            sql.execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 minute' WHERE key = '" + key + "'");
            assertThat(new Orders(new Transactions(api.dataSource())).purgeExpiredKeys()).isPositive();
            try (ResultSet left = sql.executeQuery("SELECT count(*) FROM idempotency_keys WHERE key = '" + key + "'")) {
                left.next();
                assertThat(left.getInt(1)).as("the purge forgot the expired key").isZero();
            }
        }

    }

    @Test
    void anOrderThatCannotBePlacedSaysWhichFieldIsWrong() throws Exception {
        String customer = token(registered("badorders"));
        ApiClient.Reply noKey = http.post("/orders", Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", 1))), customer);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.errorFields()).containsExactly("Idempotency-Key");

        ApiClient.Reply zero = placeOrder(customer, UUID.randomUUID().toString(), Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", 0))));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.errorFields()).containsExactly("lines[0].quantity");

        ApiClient.Reply unknown = placeOrder(customer, UUID.randomUUID().toString(),
                Map.of("lines", List.of(Map.of("sku", "NO-SUCH-SKU", "quantity", 1))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorFields()).containsExactly("lines[0].sku");

        ApiClient.Reply wrongType = placeOrder(customer, UUID.randomUUID().toString(),
                Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", "two"))));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorFields()).containsExactly("lines[0].quantity");

        assertThat(http.post("/orders", Map.of("lines", List.of()), null).status()).as("no token").isEqualTo(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminCancelsAndOnlyAnAdminShips() throws Exception {
        String admin = adminToken();
        product(admin, "IT-LAMP", 4500);
        String owner = token(registered("owner"));
        String stranger = token(registered("stranger"));
        String orderId = placeOrder(owner, UUID.randomUUID().toString(), Map.of("lines", List.of(Map.of("sku", "IT-LAMP", "quantity", 1))))
                .body().path("order_id").asText();

        ApiClient.Reply notTheirs = http.post("/orders/" + orderId + "/cancel", null, stranger);
        assertThat(notTheirs.status()).as("another customer's order").isEqualTo(404);
        assertThat(notTheirs.body().path("detail").asText()).isEqualTo("no order " + orderId);
        assertThat(http.post("/orders/" + orderId + "/ship", null, owner).status()).as("customers do not ship").isEqualTo(403);
        assertThat(http.post("/orders/" + UUID.randomUUID() + "/ship", null, admin).status()).isEqualTo(404);
        assertThat(http.post("/orders/" + orderId + "/ship", null, admin).status()).isEqualTo(202);
        ApiClient.Reply cancelled = http.post("/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"), owner);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body().path("kind").asText()).isEqualTo("CANCEL");

        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT kind FROM order_commands WHERE order_id = '" + orderId + "' ORDER BY requested_at")) {
            List<String> kinds = new java.util.ArrayList<>();
            while (rows.next()) {
                kinds.add(rows.getString(1));
            }
            assertThat(kinds).containsExactly("SHIP", "CANCEL");
        }
    }

    @Test
    void theCatalogIsForAdminsOnly() throws Exception {
        String customer = token(registered("catalog"));
        Map<String, Object> product = Map.of("name", "Teapot", "price_minor", 1999, "currency", "EUR");
        assertThat(http.send("PUT", "/products/IT-TEAPOT", product, null, Map.of()).status()).isEqualTo(401);
        assertThat(http.send("PUT", "/products/IT-TEAPOT", product, customer, Map.of()).status()).isEqualTo(403);

        String admin = adminToken();
        assertThat(http.send("PUT", "/products/IT-TEAPOT", product, admin, Map.of()).status()).isIn(200, 201);
        assertThat(http.send("PUT", "/products/IT-TEAPOT", Map.of("name", "Teapot", "price_minor", -1, "currency", "euro"), admin,
                Map.of()).errorFields()).containsExactlyInAnyOrder("price_minor", "currency");
        assertThat(http.post("/products/IT-NONE/stock-adjustments", Map.of("quantity_delta", 5, "reason", "RESTOCK"), admin).status())
                .isEqualTo(404);
        ApiClient.Reply adjusted = http.post("/products/IT-TEAPOT/stock-adjustments", Map.of("quantity_delta", 5, "reason", "RESTOCK"), admin);
        assertThat(adjusted.status()).isEqualTo(202);
        assertThat(adjusted.body().path("adjustment_id").asText()).isNotBlank();
        assertThat(http.post("/products/IT-TEAPOT/stock-adjustments", Map.of("quantity_delta", 5, "reason", "THEFT"), admin)
                .errorFields()).containsExactly("reason");
    }

    @Test
    void everyResponseCarriesARequestIdAndTheServiceDescribesItself() throws Exception {
        ApiClient.Reply echoed = http.send("GET", "/users/me", null, null, Map.of("X-Request-Id", "client-chosen-42"));
        assertThat(echoed.header("X-Request-Id")).isEqualTo("client-chosen-42");
        ApiClient.Reply missing = http.get("/no/such/path", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(missing.header("X-Request-Id")).isNotBlank();

        ApiClient.Reply tooLarge = http.post("/users", "{\"email\": \"" + "x".repeat(70_000) + "\"}", null);
        assertThat(tooLarge.status()).isEqualTo(413);

        ApiClient.Reply openApi = http.get("/openapi.json", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().path("paths").has("/orders")).isTrue();
        assertThat(http.get("/health/ready", null).status()).isEqualTo(200);
    }

    @Test
    void anAccountThatFailedTooOftenIsRefusedWith429AndRetryAfterEvenWithTheRightPassword() throws Exception {
        String email = registered("throttled");
        for (int i = 0; i < 3; i++) {
            // each from an address of its own: the account's count is kept across addresses (and 127.0.0.1's stays clean for other tests)
            assertThat(login(email, "wrong password " + i, randomAddress()).status()).as("failure " + (i + 1)).isEqualTo(401);
        }

        ApiClient.Reply refused = login(email, "correct horse battery", randomAddress());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(refused.header("X-Request-Id")).isNotBlank();
        assertThat(refused.body().path("type").asText()).isEqualTo("https://commerce-core.dev/problems/too-many-failed-logins");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).as("seconds until the first failure leaves the 15-minute window").isBetween(840L, 900L);
        assertThat(refused.body().path("detail").asText())
                .isEqualTo("too many failed logins for this account; try again in " + retryAfter + " s");
        assertThat(login(email, "correct horse battery", randomAddress()).status()).as("from another address too").isEqualTo(429);
        assertThat(login(email.toUpperCase(), "correct horse battery", randomAddress()).status()).as("whatever the e-mail's case")
                .isEqualTo(429);
    }

    @Test
    void anUnknownAccountIsThrottledLikeAKnownOneSoTheAnswersTellNoAccountsApart() throws Exception {
        String nobody = unique("nobody");
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(login(nobody, "guess " + i, address).status()).isEqualTo(401);
        }
        ApiClient.Reply refused = login(nobody, "guess 4", address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("detail").asText()).startsWith("too many failed logins for this account");
    }

    @Test
    void anAddressFailingOnManyAccountsIsRefusedAndOneGoodLoginThereDoesNotResetIt() throws Exception {
        String email = registered("shared-address");
        String prefix = randomIpv6Prefix();
        for (int i = 0; i < ADDRESS_LIMIT - 1; i++) {
            // a different host of the same /64 each time: counted together
            assertThat(login(unique("spray" + i), "guess", prefix + ":" + Integer.toHexString(i + 1)).status()).isEqualTo(401);
        }
        assertThat(login(email, "correct horse battery", prefix + ":100").status()).as("under the limit, and right").isEqualTo(200);
        assertThat(login(unique("spray-last"), "guess", prefix + ":101").status()).as("the limit's last failure").isEqualTo(401);

        ApiClient.Reply refused = login(email, "correct horse battery", prefix + ":102");

        assertThat(refused.status()).as("the success took no failure away").isEqualTo(429);
        assertThat(refused.body().path("detail").asText()).startsWith("too many failed logins from this address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, LOGIN_WINDOW.toSeconds());
        assertThat(login(email, "correct horse battery", randomAddress()).status()).as("another address").isEqualTo(200);
    }

    @Test
    void aPasswordChangeRevokesEveryRefreshSessionOfTheAccount() throws Exception {
        String email = registered("rotate-pw");
        var laptop = login(email, "correct horse battery");
        var phone = login(email, "correct horse battery");
        String other = login(registered("bystander"), "correct horse battery").path("refresh_token").asText();

        ApiClient.Reply changed = http.send("PATCH", "/users/me", Map.of("password", "a brand new password",
                "current_password", "correct horse battery"), laptop.path("access_token").asText(), Map.of());
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);

        assertThat(http.post("/auth/refresh", Map.of("refresh_token", laptop.path("refresh_token").asText()), null).status())
                .as("the session that changed it").isEqualTo(401);
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", phone.path("refresh_token").asText()), null).status())
                .as("another device's session").isEqualTo(401);
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", other), null).status()).as("another account's").isEqualTo(200);
        assertThat(http.get("/users/me", phone.path("access_token").asText()).status())
                .as("an access token lives on until it expires (docs/apis.md)").isEqualTo(200);
        assertThat(login(email, "correct horse battery", randomAddress()).status()).as("the old password").isEqualTo(401);
        String fresh = login(email, "a brand new password").path("refresh_token").asText();
        assertThat(http.post("/auth/refresh", Map.of("refresh_token", fresh), null).status()).as("a login after the change").isEqualTo(200);
    }

    @Test
    void whatJettyRefusesBeforeAnyRouteIsAProblemWithARequestId() throws Exception {
        for (String path : List.of("/orders/a%00b/cancel", "/orders/%2e%2e/cancel", "/orders/..%2f..%2fusers/cancel", "/products/%2E%2E")) {
            String[] answer = raw("POST " + path + " HTTP/1.1\r\nHost: api\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer[0]).as(path).startsWith("HTTP/1.1 400 ");
            assertThat(answer[1]).as(path).containsIgnoringCase("\r\ncontent-type: application/problem+json")
                    .containsPattern("(?i)\r\nx-request-id: [0-9a-f-]{36}");
            assertThat(answer[2]).as(path).contains("\"type\":\"https://commerce-core.dev/problems/bad-request\"", "\"status\":400");
        }

        String customer = token(registered("longkey"));
        ApiClient.Reply longKey = placeOrder(customer, "k".repeat(10 * 1024), Map.of("lines", List.of(Map.of("sku", "IT-MUG", "quantity", 1))));
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(longKey.header("X-Request-Id")).isNotBlank();
        assertThat(longKey.errorFields()).containsExactly("Idempotency-Key");
        assertThat(longKey.body().path("detail").asText()).endsWith("got 10240 characters");

        ApiClient.Reply tooManyHeaders = http.send("GET", "/users/me", null, customer, Map.of("X-Padding", "p".repeat(20 * 1024)));
        assertThat(tooManyHeaders.status()).isEqualTo(431);
        assertThat(tooManyHeaders.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(tooManyHeaders.header("X-Request-Id")).isNotBlank();
    }

    /** Status line, header block and body of one request on a connection of its own: what an HTTP client would not send as given. */
    private String[] raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            int lineEnd = answer.indexOf("\r\n");
            return new String[] {answer.substring(0, lineEnd), answer.substring(lineEnd, headEnd + 2), answer.substring(headEnd + 4)};
        }
    }

    /** A login as the client at {@code address} (sent as X-Forwarded-For; the test's own address when null). */
    private ApiClient.Reply login(String email, String password, String address) throws Exception {
        return http.send("POST", "/auth/login", Map.of("email", email, "password", password), null,
                address == null ? Map.of() : Map.of("X-Forwarded-For", address));
    }

    /** A client address of its own (documentation range), fresh for each call so no test shares another's count. */
    private static String randomAddress() {
        return randomIpv6Prefix() + ":1";
    }

    /** The first 64 bits of an address in 2001:db8::/32 (documentation), random: a client network of its own. */
    private static String randomIpv6Prefix() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000)) + ":0:0:0";
    }

    private ApiClient.Reply placeOrder(String token, String key, Object body) throws Exception {
        return http.send("POST", "/orders", body, token, Map.of("Idempotency-Key", key));
    }

    private void product(String admin, String sku, long price) throws Exception {
        ApiClient.Reply put = http.send("PUT", "/products/" + sku, Map.of("name", "product " + sku, "price_minor", price, "currency", "EUR"),
                admin, Map.of());
        assertThat(put.status()).isIn(200, 201);
    }

    private String adminToken() throws Exception {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();
    }

    private String registered(String name) throws Exception {
        String email = unique(name);
        assertThat(http.post("/users", Map.of("email", email, "password", "correct horse battery"), null).status()).isEqualTo(201);
        return email;
    }

    private String token(String email) throws Exception {
        return login(email, "correct horse battery").path("access_token").asText();
    }

    private com.fasterxml.jackson.databind.JsonNode login(String email, String password) throws Exception {
        ApiClient.Reply r = http.post("/auth/login", Map.of("email", email, "password", password), null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}

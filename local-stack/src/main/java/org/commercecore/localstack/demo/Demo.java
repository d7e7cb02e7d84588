package org.commercecore.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code local-stack/run --demo}: once everything is up, drives the system through the gateway
 * ({@code /api/v1}, the one address clients use) as a shop would: the admin stocks a few products, a customer registers and places orders with
 * mixed outcomes (confirmed, out of stock, cancelled, shipped), and each order's final state is
 * read back through the query API, waiting for it rather than polling.
 */
public final class Demo {
    private static final String PASSWORD = "demo customer password";

    private final ApiClient api;
    private final String adminEmail;
    private final String adminPassword;
    private final Function<String, List<String>> mailTo;
    private final PrintStream out;

    /**
     * {@code api}: the gateway's {@code /api/v1/}, the one address a client uses for commands and reads alike;
     * {@code mailTo}: the subjects of the mails the stack's mail catcher holds for an address.
     */
    public Demo(URI api, String adminEmail, String adminPassword, Function<String, List<String>> mailTo, PrintStream out) {
        this.api = new ApiClient(api);
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.mailTo = mailTo;
        this.out = out;
    }

    private record Planned(String label, Map<String, Integer> lines, String then, String expect) {
    }

    public void run() {
        out.println();
        out.println("demo: the admin stocks three products through the gateway");
        String admin = login(adminEmail, adminPassword);
        product(admin, "DEMO-KETTLE", "Kettle", 2490, 5);
        product(admin, "DEMO-MUG", "Mug", 900, 20);
        product(admin, "DEMO-LAMP", "Lamp", 4500, 0);

        String email = "demo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        ApiClient.expect(api.send("POST", "/users", Map.of("email", email, "password", PASSWORD, "display_name", "Demo Customer"),
                null, Map.of()), "register", 201);
        String customer = login(email, PASSWORD);
        out.println("demo: " + email + " registered and logged in; placing orders");

        List<Planned> plan = List.of(
                new Planned("two kettles", Map.of("DEMO-KETTLE", 2), null, "CONFIRMED"),
                new Planned("a lamp (none in stock)", Map.of("DEMO-LAMP", 1), null, "REJECTED"),
                new Planned("three mugs, then cancelled", Map.of("DEMO-MUG", 3), "cancel", "CANCELLED"),
                new Planned("a kettle and two mugs, then shipped", Map.of("DEMO-KETTLE", 1, "DEMO-MUG", 2), "ship", "SHIPPED"));
        List<String[]> rows = new ArrayList<>();
        for (Planned p : plan) {
            List<Map<String, Object>> lines = new ArrayList<>();
            p.lines().forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
            JsonNode placed = ApiClient.expect(api.send("POST", "/orders", Map.of("lines", lines), customer,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())), "place " + p.label(), 202);
            String id = placed.path("order_id").asText();
            JsonNode decided = waitFor(id, p.expect().equals("REJECTED") ? "REJECTED" : "CONFIRMED", customer);
            if ("cancel".equals(p.then())) {
                ApiClient.expect(api.send("POST", "/orders/" + id + "/cancel", Map.of("reason", "changed my mind"), customer,
                        Map.of()), "cancel", 202);
                decided = waitFor(id, "CANCELLED", customer);
            } else if ("ship".equals(p.then())) {
                ApiClient.expect(api.post("/orders/" + id + "/ship", null, admin), "ship", 202);
                decided = waitFor(id, "SHIPPED", customer);
            }
            rows.add(new String[] {id, p.label(), decided.path("status").asText(), decided.path("reason_code").asText(""),
                    p.expect()});
        }
        out.println();
        out.printf("%-38s %-38s %-10s %-16s%n", "ORDER", "WHAT", "STATUS", "REASON");
        boolean asExpected = true;
        for (String[] r : rows) {
            out.printf("%-38s %-38s %-10s %-16s%n", r[0], r[1], r[2], r[3]);
            asExpected &= r[2].equals(r[4]);
        }
        JsonNode top = ApiClient.expect(api.get("/products/top?window=1h", null), "top sellers", 200);
        out.println();
        out.println("top sellers, last hour: " + top.path("items"));
        out.println(asExpected ? "demo: every order ended as expected" : "demo: some orders did not end as expected (see above)");
        mail(email, rows.size() + (int) rows.stream().filter(r -> !r[2].equals("REJECTED")).count()
                + (int) rows.stream().filter(r -> r[2].equals("REJECTED") || r[2].equals("CANCELLED") || r[2].equals("SHIPPED")).count());
    }

    /**
     * The notifications the orders produced, as the customer's mailbox got them: placed, confirmed, and
     * each order's end (a refund, when a captured payment was paid back, comes on top). Waits for the
     * {@code expected} least, then a moment for stragglers: delivery runs behind the saga.
     */
    private void mail(String email, int expected) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> subjects = mailTo.apply(email);
        while (subjects.size() < expected && System.nanoTime() < deadline) {
            pause();
            subjects = mailTo.apply(email);
        }
        for (int i = 0; i < 10; i++) {
            pause();
        }
        subjects = mailTo.apply(email);
        out.println();
        out.println("mail to " + email + " (the registration's verification code, then notifications.v1; all sent by the notifications app to the mail catcher):");
        subjects.forEach(subject -> out.println("  " + subject));
        out.println(subjects.size() >= expected ? "demo: every order event was notified"
                : "demo: " + subjects.size() + " of at least " + expected + " mails arrived within 60 s");
    }

    private JsonNode waitFor(String orderId, String status, String token) {
        return ApiClient.expect(api.get("/orders/" + orderId + "?waitFor=" + status + "&timeout=30s", token), "read order " + orderId, 200);
    }

    private void product(String admin, String sku, String name, long price, int stock) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", name);
        card.put("price_minor", price);
        card.put("currency", "EUR");
        card.put("low_stock_threshold", 1);
        ApiClient.expect(api.send("PUT", "/products/" + sku, card, admin, Map.of()), "product " + sku, 200, 201);
        if (stock > 0) {
            ApiClient.expect(api.post("/products/" + sku + "/stock-adjustments", Map.of("quantity_delta", stock, "reason", "RESTOCK"),
                    admin), "stock " + sku, 202);
        }
        // orders must not overtake the stock: wait until the read side shows it
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            // as the admin: an anonymous read may be a few seconds old from the gateway's cache
            ApiClient.Reply reply = api.get("/products/" + sku, admin);
            if (reply.status() == 200 && reply.body().path("available").asLong() >= stock && !reply.body().path("name").isNull()) {
                out.printf("demo:   %-12s %-8s %6.2f EUR, %d available%n", sku, name, price / 100.0, reply.body().path("available").asLong());
                return;
            }
            pause();
        }
        throw new IllegalStateException("product " + sku + " did not reach the query API within 60 s");
    }

    private String login(String email, String password) {
        return ApiClient.expect(api.post("/auth/login", Map.of("email", email, "password", password), null), "login " + email, 200)
                .path("access_token").asText();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

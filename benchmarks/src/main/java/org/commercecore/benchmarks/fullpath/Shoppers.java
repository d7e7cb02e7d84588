package org.commercecore.benchmarks.fullpath;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.commercecore.benchmarks.Progress;
import org.commercecore.localstack.demo.ApiClient;

/**
 * The customers of the HTTP scenarios, registered and logged in once, before any trial: registration
 * hashes the password on purpose (slow), and a login per order would measure the login. Each logs in
 * exactly once (a successful login is never throttled, but the throttle's bookkeeping is not what is
 * measured). Their tokens outlive the run: the benchmark stack raises the access-token lifetime.
 */
public final class Shoppers {
    private static final String PASSWORD = "benchmark customer password";

    /** One signed-in customer. */
    public record Shopper(String email, String token) {
    }

    private Shoppers() {
    }

    public static List<Shopper> register(URI commandApi, int count, String tag, Progress progress) {
        ApiClient api = new ApiClient(commandApi);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Shopper>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = "bench-" + tag + "-" + i + "@example.org";
                futures.add(pool.submit(() -> {
                    ApiClient.expect(api.post("/users", Map.of("email", email, "password", PASSWORD, "display_name", "Bench " + email), null),
                            "register " + email, 201);
                    String token = ApiClient.expect(api.post("/auth/login", Map.of("email", email, "password", PASSWORD), null),
                            "login " + email, 200).path("access_token").asText();
                    return new Shopper(email, token);
                }));
            }
            List<Shopper> shoppers = new ArrayList<>();
            for (Future<Shopper> f : futures) {
                shoppers.add(f.get(5, TimeUnit.MINUTES));
                if (shoppers.size() % 100 == 0) {
                    progress.say("setup", "%d/%d customers registered and logged in", shoppers.size(), count);
                }
            }
            return shoppers;
        } catch (Exception e) {
            throw new IllegalStateException("registering the benchmark's customers failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }
}

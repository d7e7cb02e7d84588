package org.commercecore.benchmarks.fullpath;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.commercecore.localstack.demo.ApiClient;

/** Products the HTTP scenarios order, created and stocked by the admin through the command API, as a shop would. */
public final class Catalogue {
    private Catalogue() {
    }

    /** Creates {@code count} products with {@code stock} units each and waits until the query API shows the stock. */
    public static List<String> stock(URI commandApi, URI queryApi, String adminToken, String tag, int count, int stock) {
        ApiClient command = new ApiClient(commandApi);
        ApiClient query = new ApiClient(queryApi);
        List<String> skus = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            String sku = ("FP-" + tag + "-" + j).toUpperCase(java.util.Locale.ROOT);
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("name", "Benchmark product " + j);
            card.put("price_minor", 1_000);
            card.put("currency", "EUR");
            card.put("low_stock_threshold", 0);
            ApiClient.expect(command.send("PUT", "/products/" + sku, card, adminToken, Map.of()), "product " + sku, 200, 201);
            ApiClient.expect(command.post("/products/" + sku + "/stock-adjustments", Map.of("quantity_delta", stock, "reason", "RESTOCK"),
                    adminToken), "stock " + sku, 202);
            skus.add(sku);
        }
        // orders must not overtake the stock: wait until the read side shows it (CDC -> inventory -> views)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String sku : skus) {
            while (true) {
                ApiClient.Reply reply = query.get("/products/" + sku, null);
                if (reply.status() == 200 && reply.body().path("available").asLong() >= stock) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product " + sku + "'s stock did not reach the query API within 120 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
        return skus;
    }
}

package org.commercecore.benchmarks.query;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commercecore.benchmarks.RunContext;
import org.commercecore.benchmarks.fullpath.Catalogue;
import org.commercecore.benchmarks.fullpath.Shoppers;
import org.commercecore.benchmarks.measure.Spread;
import org.commercecore.benchmarks.measure.Window;
import org.commercecore.benchmarks.report.Charts;
import org.commercecore.benchmarks.report.ReportWriter;
import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.report.TrialResult;
import org.commercecore.benchmarks.stack.BenchStack;
import org.commercecore.localstack.demo.ApiClient;

/**
 * Scenario 4, the query API: GET /orders/{id} of existing orders with the owner's token, half asked
 * of the instance owning the order's view and half of the other one (which forwards over gRPC), at
 * saturation (closed loop) and at half that rate (open loop), against GET /health/live on the same
 * server in the same run: what the lookup costs beyond the HTTP server itself. Then the same
 * lookups through the gateway ({@code /api/v1/orders/{id}}, balanced over both instances) at
 * saturation, then both paths open loop at half the slower one's saturated rate: what the gateway adds.
 */
public final class QueryScenario {
    private static final String ID = "query";
    private static final int CUSTOMERS = 8;
    private static final int ORDERS_PER_CUSTOMER = 25;

    private final RunContext ctx;

    public QueryScenario(RunContext ctx) {
        this.ctx = ctx;
    }

    private record Owned(String orderId, String token) {
    }

    public ScenarioResult run() {
        var stack = ctx.stack();
        String tag = Long.toHexString(System.nanoTime() & 0xffffff);
        List<Shoppers.Shopper> shoppers = Shoppers.register(stack.commandApi(), CUSTOMERS, "q" + tag, ctx.progress());
        List<String> skus = Catalogue.stock(stack.commandApi(), stack.queryApis().get(0), stack.adminToken(), "Q" + tag, 2, 1_000_000);
        List<Owned> orders = placeOrders(shoppers, skus);
        List<URI> instances = stack.queryApis();
        Ownership ownership = Ownership.read(stack.admin(), "commerce-query",
                List.of(stack.appStateDir("query-api-1"), stack.appStateDir("query-api-2")));
        List<HttpRequest> lookups = new ArrayList<>();
        int local = 0;
        int forwarded = 0;
        for (int i = 0; i < orders.size(); i++) {
            Owned o = orders.get(i);
            int owner = ownership.owner(o.orderId());
            // even requests to the owner, odd ones to the other instance; alternate when the owner is unknown
            int instance = owner < 0 ? i % instances.size() : i % 2 == 0 ? owner : 1 - owner;
            if (owner >= 0) {
                if (instance == owner) {
                    local++;
                } else {
                    forwarded++;
                }
            }
            lookups.add(HttpRequest.newBuilder(instances.get(instance).resolve("/orders/" + o.orderId())).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + o.token()).GET().build());
        }
        List<HttpRequest> viaGateway = orders.stream().map(o -> HttpRequest.newBuilder(stack.gateway().resolve("orders/" + o.orderId()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + o.token()).GET().build()).toList();
        List<HttpRequest> health = instances.stream()
                .map(u -> HttpRequest.newBuilder(u.resolve("/health/live")).timeout(Duration.ofSeconds(30)).GET().build()).toList();
        String mix = ownership.known() ? local + " asked of the owning instance, " + forwarded + " of the other (forwarded over gRPC)"
                : "ownership could not be read; requests alternate between the instances (about half forwarded)";
        ctx.progress().say(ID, "%d orders to look up: %s", orders.size(), mix);
        List<TrialResult> trials = new ArrayList<>();
        for (int t = 1; t <= ctx.sizes().trials(); t++) {
            trials.add(trial(t, lookups, viaGateway, health));
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("GET /orders/{id} saturated", median(trials, "orders: saturated requests/s"));
        bars.put("GET /health/live saturated", median(trials, "health: saturated requests/s"));
        bars.put("GET /api/v1/orders/{id} via gateway saturated", median(trials, "via gateway: saturated requests/s"));
        Path chart = Charts.bars(ctx.chart("query-saturation.png"), "Query API at saturation (median)", "requests/s", bars);
        return new ScenarioResult(ID, "Query API",
                "GET /orders/{id} of " + orders.size() + " existing orders with the owner's access token: " + mix + ". Saturation: "
                        + ctx.sizes().queryConnections() + " requests in flight (closed loop) for " + ctx.sizes().queryDuration().toSeconds()
                        + " s; half load: open loop at half the saturated rate, latency from the intended send time. The same for "
                        + "GET /health/live on the same servers (the query API serves ops and API on one port), in the same run. "
                        + "Then the same lookups through the gateway (/api/v1/orders/{id}, round robin over both instances, its rate "
                        + "limits raised to " + BenchStack.GATEWAY_LIMIT + "/s) saturated, then both paths open loop at half the slower one's "
                        + "saturated rate, one after the other; \"gateway added\" is the gateway's latency at that rate minus the direct one's.",
                List.of("Per order here means per request of the step."), trials, List.of(ctx.relativeToReport(chart)));
    }

    private TrialResult trial(int trial, List<HttpRequest> lookups, List<HttpRequest> viaGateway, List<HttpRequest> health) {
        HttpLoad load = new HttpLoad();
        Duration d = ctx.sizes().queryDuration();
        int c = ctx.sizes().queryConnections();
        Map<String, Double> figures = ReportWriter.figures();
        ctx.progress().say(ID, "trial %d/%d: GET /orders/{id} saturated (%d connections, %d s)", trial, ctx.sizes().trials(), c, d.toSeconds());
        Window window = Window.open(ctx.cpu(), ctx.stack().admin());
        HttpLoad.Result saturated = load.closed(lookups, c, d);
        HttpLoad.Result half = load.open(lookups, Math.max(1, saturated.perSecond() / 2), d);
        long requests = (long) (saturated.perSecond() * d.toSeconds() + half.perSecond() * d.toSeconds());
        window.close(requests);
        ctx.progress().say(ID, "orders: %.0f/s saturated (p99 %.1f ms); at half load p99 %.1f ms", saturated.perSecond(),
                saturated.latency().p99(), half.latency().p99());
        HttpLoad.Result healthSaturated = load.closed(health, c, d);
        HttpLoad.Result healthHalf = load.open(health, Math.max(1, healthSaturated.perSecond() / 2), d);
        ctx.progress().say(ID, "health: %.0f/s saturated (p99 %.1f ms)", healthSaturated.perSecond(), healthSaturated.latency().p99());
        ctx.progress().say(ID, "trial %d/%d: GET /api/v1/orders/{id} through the gateway, saturated", trial, ctx.sizes().trials());
        HttpLoad.Result gatewaySaturated = load.closed(viaGateway, c, d);
        // both paths at one rate both keep up with: half the slower one's saturated rate
        double rate = Math.max(1, Math.min(saturated.perSecond(), gatewaySaturated.perSecond()) / 2);
        ctx.progress().say(ID, "via gateway: %.0f/s saturated; both paths open loop at %.0f/s", gatewaySaturated.perSecond(), rate);
        HttpLoad.Result gatewayAtRate = load.open(viaGateway, rate, d);
        HttpLoad.Result directAtRate = load.open(lookups, rate, d);
        ctx.progress().say(ID, "at %.0f/s: via gateway p50 %.1f ms, p99 %.1f ms; direct p50 %.1f ms, p99 %.1f ms", rate,
                gatewayAtRate.latency().p50(), gatewayAtRate.latency().p99(), directAtRate.latency().p50(), directAtRate.latency().p99());
        put(figures, "via gateway: saturated", gatewaySaturated, true);
        figures.put("gateway comparison: rate requests/s", rate);
        put(figures, "via gateway: at that rate", gatewayAtRate, false);
        put(figures, "direct: at that rate", directAtRate, false);
        figures.put("gateway added: p50 ms", gatewayAtRate.latency().p50() - directAtRate.latency().p50());
        figures.put("gateway added: p99 ms", gatewayAtRate.latency().p99() - directAtRate.latency().p99());
        put(figures, "orders: saturated", saturated, true);
        put(figures, "orders: half load", half, false);
        put(figures, "health: saturated", healthSaturated, true);
        put(figures, "health: half load", healthHalf, false);
        return new TrialResult(figures, window.cpuPerOrder(), window.recordsPerOrder(), List.of());
    }

    private static void put(Map<String, Double> figures, String prefix, HttpLoad.Result r, boolean rate) {
        if (rate) {
            figures.put(prefix + " requests/s", r.perSecond());
        }
        figures.put(prefix + " p50 ms", r.latency().p50());
        figures.put(prefix + " p99 ms", r.latency().p99());
        figures.put(prefix + " max ms", r.latency().max());
        figures.put(prefix + " errors", (double) r.errors());
    }

    private List<Owned> placeOrders(List<Shoppers.Shopper> shoppers, List<String> skus) {
        ApiClient command = new ApiClient(ctx.stack().commandApi());
        ApiClient query = new ApiClient(ctx.stack().queryApis().get(0));
        List<Owned> orders = new ArrayList<>();
        for (int i = 0; i < shoppers.size() * ORDERS_PER_CUSTOMER; i++) {
            Shoppers.Shopper s = shoppers.get(i % shoppers.size());
            var placed = ApiClient.expect(command.send("POST", "/orders", Map.of("lines", List.of(Map.of("sku", skus.get(i % skus.size()),
                    "quantity", 1))), s.token(), Map.of("Idempotency-Key", UUID.randomUUID().toString())), "place an order", 202);
            orders.add(new Owned(placed.path("order_id").asText(), s.token()));
        }
        for (Owned o : orders) {
            ApiClient.expect(query.get("/orders/" + o.orderId() + "?waitFor=CONFIRMED&timeout=30s", o.token()), "read order " + o.orderId(), 200);
        }
        ctx.progress().say(ID, "%d orders placed and confirmed", orders.size());
        return orders;
    }

    private static double median(List<TrialResult> trials, String figure) {
        return Spread.of(trials.stream().map(t -> t.figures().get(figure)).filter(v -> v != null).toList()).median();
    }
}

package org.commercecore.query.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.query.lookup.Asker;
import org.commercecore.query.lookup.Lookup;
import org.commercecore.query.lookup.ViewRouter;

/** Public catalog reads: {@code GET /products/top?window=1h}, {@code GET /products/{sku}}. */
public final class ProductRoutes {
    static final String CACHE = "X-Cache";
    /**
     * Anyone may keep a product card or the top sellers for a few seconds (the gateway does, for
     * anonymous readers): stock and sales move, and a card a few seconds old is what a shop shows
     * anyway. Only answers that found something say so; a 404 stays no-store.
     */
    static final String SHAREABLE = "public, max-age=5";
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})(m|h)");

    private final ViewRouter views;
    private final TopSellersCache cache;

    public ProductRoutes(ViewRouter views, TopSellersCache cache) {
        this.views = views;
        this.cache = cache;
    }

    public void addTo(JavalinConfig config) {
        config.routes.get("/products/top", this::top); // before /products/{sku}, which would match "top"
        config.routes.get("/products/{sku}", this::product);
    }

    private void product(Context ctx) {
        String sku = ctx.pathParam("sku");
        ctx.future(() -> views.find(Asker.ANONYMOUS, Lookup.product(sku)).thenAccept(answer -> {
            if (!answer.found()) {
                throw ProblemException.notFound("no product " + sku);
            }
            ctx.header(OrderRoutes.SERVED_BY, answer.servedBy()).header("Cache-Control", SHAREABLE).contentType("application/json")
                    .result(answer.json());
        }).exceptionally(OrderRoutes::unavailable));
    }

    /** Served from Redis when it holds a fresh answer; otherwise asked of the view and put there. */
    private void top(Context ctx) {
        long minutes = window(ctx.queryParam("window"));
        var cached = cache.get(minutes);
        if (cached.isPresent()) {
            ctx.header(CACHE, "hit").header("Cache-Control", SHAREABLE).contentType("application/json").result(cached.get());
            return;
        }
        ctx.future(() -> views.find(Asker.ANONYMOUS, Lookup.topSellers(minutes)).thenAccept(answer -> {
            cache.put(minutes, answer.json());
            ctx.header(CACHE, "miss").header(OrderRoutes.SERVED_BY, answer.servedBy()).header("Cache-Control", SHAREABLE)
                    .contentType("application/json")
                    .result(answer.json());
        }).exceptionally(OrderRoutes::unavailable));
    }

    /** {@code 15m}, {@code 1h}, {@code 24h}: 5 minutes to 24 hours, in whole 5-minute steps. */
    static long window(String window) {
        if (window == null) {
            return 60;
        }
        Matcher m = WINDOW.matcher(window);
        long minutes = m.matches() ? Long.parseLong(m.group(1)) * (m.group(2).equals("h") ? 60 : 1) : -1;
        if (minutes < 5 || minutes > 24 * 60 || minutes % 5 != 0) {
            throw ProblemException.invalid("window", "must be like 15m, 1h or 24h: 5 minutes to 24 hours, in steps of 5 minutes");
        }
        return minutes;
    }
}

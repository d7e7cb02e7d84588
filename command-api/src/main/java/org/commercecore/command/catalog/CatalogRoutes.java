package org.commercecore.command.catalog;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.http.api.JsonBody;

/** Admin only: {@code PUT /products/{sku}}, {@code POST /products/{sku}/stock-adjustments}. */
public final class CatalogRoutes {
    private final Catalog catalog;
    private final Authentication auth;

    public CatalogRoutes(Catalog catalog, Authentication auth) {
        this.catalog = catalog;
        this.auth = auth;
    }

    public void addTo(JavalinConfig config) {
        config.routes.put("/products/{sku}", this::put);
        config.routes.post("/products/{sku}/stock-adjustments", this::adjust);
    }

    private void put(Context ctx) {
        auth.admin(ctx);
        String sku = ctx.pathParam("sku");
        boolean created = catalog.put(sku, JsonBody.read(ctx, Catalog.Product.class));
        ctx.status(created ? HttpStatus.CREATED : HttpStatus.OK).header("Location", "/products/" + sku)
                .json(Map.of("sku", sku, "created", created));
    }

    private void adjust(Context ctx) {
        String adminId = auth.admin(ctx).userId();
        String sku = ctx.pathParam("sku");
        String id = catalog.adjust(sku, adminId, JsonBody.read(ctx, Catalog.StockAdjustment.class));
        // accepted: inventory applies it once it has streamed through (GET /products/{sku} on the query API shows it)
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/products/" + sku).json(Map.of("adjustment_id", id, "sku", sku));
    }
}

package org.commercecore.query;

import io.javalin.Javalin;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.ApiServer;
import org.commercecore.platform.http.api.OpenApiDocument;
import org.commercecore.query.http.OrderRoutes;
import org.commercecore.query.http.ProductRoutes;
import org.commercecore.query.http.TopSellersCache;
import org.commercecore.query.lookup.ViewRouter;

/** The query API's routes over the views: configuration as code, nothing started. */
public final class QueryApi {
    public static final String OPENAPI = "/query-api.openapi.yaml";

    private QueryApi() {
    }

    public static Javalin create(ViewRouter views, AccessTokens tokens, TopSellersCache cache, OpsEndpoints ops) {
        Authentication auth = new Authentication(tokens);
        return ApiServer.create(ops, OpenApiDocument.fromResource(OPENAPI), config -> {
            new OrderRoutes(views, auth).addTo(config);
            new ProductRoutes(views, cache).addTo(config);
        });
    }
}

package org.commercecore.command;

import io.javalin.Javalin;
import org.commercecore.command.auth.AuthRoutes;
import org.commercecore.command.auth.CodeDelivery;
import org.commercecore.command.auth.OneTimeCodeRoutes;
import org.commercecore.command.auth.LoginThrottle;
import org.commercecore.command.auth.RefreshSessions;
import org.commercecore.command.catalog.Catalog;
import org.commercecore.command.catalog.CatalogRoutes;
import org.commercecore.command.orders.OrderRoutes;
import org.commercecore.command.orders.Orders;
import org.commercecore.command.users.Users;
import org.commercecore.command.users.UserRoutes;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.ApiServer;
import org.commercecore.platform.http.api.ClientAddress;
import org.commercecore.platform.http.api.OpenApiDocument;
import org.commercecore.platform.tasks.CodeMailTask;

/** The command API's routes, wired to their domain services: configuration as code, nothing started. */
public final class CommandApi {
    public static final String OPENAPI = "/command-api.openapi.yaml";

    private CommandApi() {
    }

    /** What the routes call. */
    public record Services(Users users, AccessTokens tokens, RefreshSessions sessions, LoginThrottle throttle, ClientAddress clients,
                           Orders orders, Catalog catalog, CodeDelivery codes) {
    }

    public static Javalin create(Services services, OpsEndpoints ops) {
        Authentication auth = new Authentication(services.tokens());
        return ApiServer.create(ops, OpenApiDocument.fromResource(OPENAPI), config -> {
            new UserRoutes(services.users(), auth, userId -> services.sessions().revokeAll(userId),
                    // the account is stored either way: without the mail, the client asks for another code
                    user -> services.codes().trySendWithinLimit(CodeMailTask.Purpose.VERIFY_EMAIL, user)).addTo(config);
            new AuthRoutes(services.users(), services.tokens(), services.sessions(), services.throttle(), services.clients()).addTo(config);
            new OneTimeCodeRoutes(services.users(), services.codes(), services.tokens(), services.sessions(), auth).addTo(config);
            new OrderRoutes(services.orders(), auth).addTo(config);
            new CatalogRoutes(services.catalog(), auth).addTo(config);
        });
    }
}

package org.commercecore.command.orders;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.http.api.JsonBody;

/** {@code POST /orders}, {@code POST /orders/{id}/cancel}, admin {@code POST /orders/{id}/ship}. */
public final class OrderRoutes {
    private final Orders orders;
    private final Authentication auth;

    public OrderRoutes(Orders orders, Authentication auth) {
        this.orders = orders;
        this.auth = auth;
    }

    record Cancel(String reason) {
    }

    public void addTo(JavalinConfig config) {
        config.routes.post("/orders", this::place);
        config.routes.post("/orders/{id}/cancel", this::cancel);
        config.routes.post("/orders/{id}/ship", this::ship);
    }

    /** 202: the order is recorded; the saga decides it. Location is where the query API shows it. */
    private void place(Context ctx) {
        Caller caller = auth.caller(ctx);
        Orders.Placed placed = orders.place(caller, ctx.header("Idempotency-Key"), JsonBody.read(ctx, Orders.PlaceOrder.class));
        if (placed.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/orders/" + placed.orderId()).json(placed);
    }

    private void cancel(Context ctx) {
        Caller caller = auth.caller(ctx);
        String reason = JsonBody.readIfPresent(ctx, Cancel.class).map(Cancel::reason).orElse(null);
        accepted(ctx, orders.cancel(caller, ctx.pathParam("id"), reason));
    }

    private void ship(Context ctx) {
        accepted(ctx, orders.ship(auth.admin(ctx), ctx.pathParam("id")));
    }

    private static void accepted(Context ctx, Orders.Requested requested) {
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/orders/" + requested.orderId()).json(requested);
    }
}

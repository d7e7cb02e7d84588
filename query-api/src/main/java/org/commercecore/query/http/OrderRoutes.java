package org.commercecore.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.http.api.Problem;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.query.lookup.Asker;
import org.commercecore.query.lookup.Lookup;
import org.commercecore.query.lookup.ViewAccessDeniedException;
import org.commercecore.query.lookup.ViewRouter;
import org.commercecore.query.lookup.ViewUnavailableException;

/**
 * {@code GET /orders/{id}} (optionally waiting for a status), {@code GET /orders/{id}/timeline},
 * {@code GET /users/me/orders}. Reads are asynchronous: a waiting request holds no thread.
 */
public final class OrderRoutes {
    static final String SERVED_BY = "X-Served-By";
    static final String STALENESS = "X-Staleness-Offsets";
    static final String WAIT = "X-Wait";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 100;

    private final ViewRouter views;
    private final Authentication auth;

    public OrderRoutes(ViewRouter views, Authentication auth) {
        this.views = views;
        this.auth = auth;
    }

    public void addTo(JavalinConfig config) {
        config.routes.get("/orders/{id}", this::order);
        config.routes.get("/orders/{id}/timeline", this::timeline);
        config.routes.get("/users/me/orders", this::myOrders);
    }

    private void order(Context ctx) {
        Caller caller = auth.caller(ctx);
        String waitFor = Waits.status(ctx.queryParam("waitFor"));
        Duration timeout = Waits.timeout(ctx.queryParam("timeout"), waitFor);
        String orderId = ctx.pathParam("id");
        Lookup lookup = waitFor == null ? Lookup.order(orderId) : Lookup.orderReaching(orderId, waitFor, timeout);
        respond(ctx, views.find(Asker.of(caller), lookup), () -> noOrder(orderId), answer -> {
            ObjectNode view = order(answer, orderId);
            view.remove("timeline");
            if (waitFor != null) {
                ctx.header(WAIT, answer.waited() ? "reached" : "timeout");
            }
            return view;
        });
    }

    private void timeline(Context ctx) {
        Caller caller = auth.caller(ctx);
        String orderId = ctx.pathParam("id");
        respond(ctx, views.find(Asker.of(caller), Lookup.order(orderId)), () -> noOrder(orderId), answer -> {
            ObjectNode view = order(answer, orderId);
            ObjectNode out = JSON.createObjectNode();
            out.put("order_id", view.path("order_id").asText());
            out.set("events", view.path("timeline"));
            return out;
        });
    }

    /** Paged newest first: {@code ?limit=20&cursor=...}; {@code next_cursor} is null on the last page. */
    private void myOrders(Context ctx) {
        Caller caller = auth.caller(ctx);
        int limit = limit(ctx.queryParam("limit"));
        int offset = cursor(ctx.queryParam("cursor"));
        respond(ctx, views.find(Asker.of(caller), Lookup.customerOrders(caller.userId())),
                () -> ProblemException.forbidden("these are not your orders"), answer -> {
            ArrayNode all = answer.found() ? (ArrayNode) parse(answer.json()).path("orders") : JSON.createArrayNode();
            ArrayNode items = JSON.createArrayNode();
            long end = Math.min(all.size(), (long) offset + limit); // a cursor near Integer.MAX_VALUE must not wrap
            for (int i = offset; i < end; i++) {
                items.add(all.get(i));
            }
            ObjectNode page = JSON.createObjectNode();
            page.set("items", items);
            page.put("next_cursor", end < all.size() ? nextCursor((int) end) : null);
            return page;
        });
    }

    private interface Render {
        JsonNode body(Lookup.Answer answer);
    }

    /**
     * The rendered answer, with where it came from; a refusal of the view's owner becomes {@code denied}.
     * Headers are set only once the body is there, so a refusal and a miss answer alike.
     */
    private static void respond(Context ctx, CompletableFuture<Lookup.Answer> lookup, Supplier<ProblemException> denied,
                                Render render) {
        ctx.future(() -> lookup.thenAccept(answer -> {
            JsonNode body = render.body(answer);
            ctx.header(SERVED_BY, answer.servedBy());
            if ("standby".equals(answer.servedBy())) {
                ctx.header(STALENESS, String.valueOf(answer.lagOffsets()));
            }
            ctx.json(body);
        }).exceptionally(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ViewAccessDeniedException) {
                throw denied.get();
            }
            return unavailable(error);
        }));
    }

    /** Rethrows what the server renders: a view nobody can serve is a 503 with Retry-After. */
    static Void unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ViewAccessDeniedException) {
            throw ProblemException.forbidden("this view is not yours to see");
        }
        if (cause instanceof ViewUnavailableException) {
            ProblemException problem = new ProblemException(Problem.of(503, "view-unavailable", "The view cannot answer right now",
                    cause.getMessage()));
            throw problem;
        }
        throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    /** The order's view. Whoever answered has checked that the caller may see it (ViewAccess). */
    private static ObjectNode order(Lookup.Answer answer, String orderId) {
        if (!answer.found()) {
            throw noOrder(orderId);
        }
        return (ObjectNode) parse(answer.json());
    }

    /** Another customer's order is answered as a missing one, word for word: the answer tells nothing of it. */
    private static ProblemException noOrder(String orderId) {
        return ProblemException.notFound("no order " + orderId);
    }

    private static int limit(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
    }

    /**
     * A cursor is the base64url of the next item's offset, exactly as {@link #nextCursor} wrote it:
     * anything else (a negative or non-canonical number, padding, other text) is refused rather
     * than read as some offset.
     */
    private static int cursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (offset > 0 && nextCursor(offset).equals(cursor)) {
                return offset;
            }
        } catch (IllegalArgumentException notACursor) {
            // reported below
        }
        throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
    }

    private static String nextCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

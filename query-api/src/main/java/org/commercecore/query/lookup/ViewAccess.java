package org.commercecore.query.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one rule of who may see which view, applied where the view is read ({@link LocalViews}),
 * whether the lookup came from this instance's HTTP API or from another instance over gRPC:
 * <ul>
 *   <li>an order: its customer or an admin (checked on the answer, after any wait, so a refusal
 *       takes as long as a miss and looks like one);</li>
 *   <li>a customer's orders: that customer or an admin;</li>
 *   <li>products and top sellers: anyone, anonymous included.</li>
 * </ul>
 * A refusal is a {@link ViewAccessDeniedException}.
 */
final class ViewAccess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ViewAccess() {
    }

    /** Reads the view with {@code read} if the asker may ask, and hands the answer on if the asker may see it. */
    static CompletableFuture<Lookup.Answer> guard(Asker asker, Lookup lookup, Function<Lookup, CompletableFuture<Lookup.Answer>> read) {
        if (!mayAsk(asker, lookup)) {
            return CompletableFuture.failedFuture(new ViewAccessDeniedException());
        }
        return read.apply(lookup).thenApply(answer -> {
            if (!maySee(asker, lookup, answer)) {
                throw new ViewAccessDeniedException();
            }
            return answer;
        });
    }

    /** What the question alone decides. */
    static boolean mayAsk(Asker asker, Lookup lookup) {
        return switch (lookup.view()) {
            case ORDER -> !asker.isAnonymous();
            case CUSTOMER_ORDERS -> asker.mayAccess(lookup.key());
            case PRODUCT, TOP_SELLERS -> true;
        };
    }

    /** What the answer decides: an order found belongs to the asker (or the asker is an admin). */
    static boolean maySee(Asker asker, Lookup lookup, Lookup.Answer answer) {
        if (lookup.view() != Lookup.View.ORDER || !answer.found()) {
            return mayAsk(asker, lookup);
        }
        try {
            return asker.mayAccess(JSON.readTree(answer.json()).path("customer_id").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

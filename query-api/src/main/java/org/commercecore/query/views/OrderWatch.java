package org.commercecore.query.views;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Lets a reader wait for an order's view to reach a state without polling: the view processor
 * reports every change here, and waiting requests are completed by it (or by their timeout). No
 * thread is held while waiting.
 */
public final class OrderWatch {
    /** Statuses after which an order changes no more. */
    public static final Set<String> FINAL = Set.of("REJECTED", "CANCELLED", "SHIPPED");

    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

    private record Waiter(Predicate<OrderView> until, CompletableFuture<OrderView> answer) {
    }

    /**
     * Completes with the view once {@code until} holds for it (checked against {@code current} first),
     * or with null after the timeout.
     */
    public CompletableFuture<OrderView> await(String orderId, OrderView current, Predicate<OrderView> until, Duration timeout) {
        CompletableFuture<OrderView> answer = new CompletableFuture<>();
        Waiter waiter = new Waiter(until, answer);
        waiters.computeIfAbsent(orderId, k -> new CopyOnWriteArrayList<>()).add(waiter);
        answer.whenComplete((v, e) -> waiters.computeIfPresent(orderId, (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        }));
        if (current != null && until.test(current)) {
            answer.complete(current);
        }
        return answer.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called by the view processor after each change. */
    void changed(OrderView view) {
        List<Waiter> list = waiters.get(view.getOrderId());
        if (list != null) {
            for (Waiter w : list) {
                if (w.until().test(view)) {
                    w.answer().complete(view);
                }
            }
        }
    }

    /** The order has had the status, or reached a final one from which it never will. */
    public static Predicate<OrderView> reached(String status) {
        return v -> v.getCustomerId() != null && (v.getStatuses().contains(status) || FINAL.contains(v.getStatus()));
    }
}

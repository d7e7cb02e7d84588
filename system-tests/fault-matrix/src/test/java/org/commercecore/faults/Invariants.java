package org.commercecore.faults;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.EventLog;
import org.commercecore.localstack.junit.SagaState;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderStatus;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What must hold after any fault, checked from the topics, PostgreSQL and the clients' own record
 * once the load has stopped: each check is a name and the violations found (none: it holds).
 */
final class Invariants {
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final Duration PROJECTION = Duration.ofSeconds(60);

    /** One invariant and what violates it. */
    record Check(String name, List<String> violations) {
        boolean holds() {
            return violations.isEmpty();
        }
    }

    /** The outcome of a run: the checks, and how the accepted orders ended. */
    record Result(List<Check> checks, Map<OrderStatus, Long> outcomes) {
        List<Check> violated() {
            return checks.stream().filter(c -> !c.holds()).toList();
        }
    }

    private Invariants() {
    }

    /** Waits (up to a bound) for the saga to settle every accepted order, then checks everything. */
    static Result check(LocalStack stack, OrderLoad load) throws Exception {
        StackAddresses at = stack.addresses();
        Map<String, String> accepted = load.accepted();
        Set<String> orderIds = new HashSet<>(accepted.values());
        EventLog log = new EventLog(at.kafkaBootstrapServers(), AvroSerdes.forRegistry(at.registryUrl()));
        SagaState end;
        try {
            end = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(3)).until(() -> fold(log),
                    s -> s.placed.keySet().containsAll(orderIds) && s.ordersNotSettled().isEmpty());
        } catch (ConditionTimeoutException e) {
            end = fold(log); // checked as it stands: the checks below name what did not settle
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("every order was answered 202 in the end (clients retrying with the same key)", load.failures()));
        checks.add(new Check("no request went unanswered for " + OrderLoad.REQUEST_TIMEOUT.toSeconds() + " s",
                load.hung() == 0 ? List.of() : List.of(load.hung() + " request(s)")));
        checks.add(new Check("one order per idempotency key", orderIds.size() == accepted.size() ? List.of()
                : List.of(accepted.size() + " keys but " + orderIds.size() + " orders")));
        checks.add(new Check("every order answered 202 is in PostgreSQL, and no other", difference(orderIds, ordersIn(at))));
        checks.add(new Check("every accepted order was placed on orders.events.v1, and no other", difference(orderIds, end.placed.keySet())));
        checks.add(new Check("every order reached a terminal status", end.ordersNotSettled()));
        checks.add(new Check("only legal transitions", end.transitionErrors));
        checks.add(new Check("no event twice on orders, inventory or payments events (by event id)", end.duplicateEvents()));
        checks.add(new Check("stock conserved per SKU and never negative", end.stockViolations(SystemUnderFault.STOCK)));
        checks.add(new Check("payments: authorized - voided - refunded is the total of each confirmed order, 0 otherwise",
                end.paymentViolations()));
        checks.add(new Check("no dead letters", deadLetters(log)));
        checks.add(new Check("the JDBC projection holds each order's last status", projectionDifferences(at, end, orderIds)));
        Map<OrderStatus, Long> outcomes = new LinkedHashMap<>();
        for (String id : orderIds) {
            outcomes.merge(end.status.getOrDefault(id, OrderStatus.UNKNOWN), 1L, Long::sum);
        }
        return new Result(checks, outcomes);
    }

    private static SagaState fold(EventLog log) {
        return SagaState.fold(log.readAll(Topics.ORDER_EVENTS), log.readAll(Topics.INVENTORY_EVENTS), log.readAll(Topics.PAYMENT_EVENTS));
    }

    /** What one set has that the other has not, both ways, a few named. */
    private static List<String> difference(Set<String> expected, Set<String> found) {
        List<String> out = new ArrayList<>();
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        Set<String> extra = new HashSet<>(found);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            out.add(missing.size() + " missing, e.g. " + missing.stream().limit(3).toList());
        }
        if (!extra.isEmpty()) {
            out.add(extra.size() + " not expected, e.g. " + extra.stream().limit(3).toList());
        }
        return out;
    }

    private static List<String> deadLetters(EventLog log) {
        List<String> found = new ArrayList<>();
        for (Topic<?, ?> topic : LocalStack.defaultTopics()) {
            if (topic.name().endsWith("dead-letter")) {
                int records = log.readAll(topic).size();
                if (records > 0) {
                    found.add(records + " on " + topic.name());
                }
            }
        }
        return found;
    }

    /** The sink lags the topic: waited for, then whatever still differs. */
    private static List<String> projectionDifferences(StackAddresses at, SagaState end, Set<String> orderIds) {
        Map<String, String> expected = new HashMap<>();
        orderIds.forEach(id -> expected.put(id, String.valueOf(end.status.get(id))));
        List<String> differences = new ArrayList<>();
        try {
            await().atMost(PROJECTION).pollInterval(Duration.ofSeconds(2)).until(() -> projected(at, orderIds).equals(expected));
        } catch (ConditionTimeoutException e) {
            Map<String, String> projected = projected(at, orderIds);
            expected.forEach((id, status) -> {
                if (!status.equals(projected.get(id))) {
                    differences.add(id + ": " + projected.get(id) + " projected, " + status + " on the topic");
                }
            });
        }
        return differences.stream().limit(5).toList();
    }

    private static Set<String> ordersIn(StackAddresses at) throws Exception {
        Set<String> found = new HashSet<>();
        try (Connection db = connect(at); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT id FROM orders")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private static Map<String, String> projected(StackAddresses at, Set<String> orderIds) {
        Map<String, String> found = new HashMap<>();
        try (Connection db = connect(at); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT order_id, status FROM projections.order_status")) {
            while (rs.next()) {
                if (orderIds.contains(rs.getString(1))) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read projections.order_status: " + e.getMessage(), e);
        }
        return found;
    }

    private static Connection connect(StackAddresses at) throws java.sql.SQLException {
        return DriverManager.getConnection(at.postgresJdbcUrl(), at.postgresUser(), at.postgresPassword());
    }
}

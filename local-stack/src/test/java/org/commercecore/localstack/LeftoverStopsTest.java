package org.commercecore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commercecore.localstack.LeftoverStops.Group;
import org.commercecore.localstack.LeftoverStops.Signal;
import org.junit.jupiter.api.Test;

class LeftoverStopsTest {
    private static final List<String> APPS = LocalStack.APPS.stream().map(a -> a.name()).toList();

    @Test
    void appsAreKilledAtOnceWhenNoBrokerIsLeft() {
        List<Group> plan = LeftoverStops.plan(List.of("postgresql", "commerce-orders", "redis", "commerce-notifications"), APPS);

        assertThat(plan).extracting(Group::names, Group::signal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("commerce-orders", "commerce-notifications"), Signal.KILL),
                org.assertj.core.groups.Tuple.tuple(List.of("postgresql", "redis"), Signal.TERM));
        assertThat(plan.get(0).why()).contains("no Kafka broker");
    }

    @Test
    void appsCloseCleanlyTogetherWhileABrokerStillRuns() {
        List<Group> plan = LeftoverStops.plan(List.of("kafka", "commerce-orders", "gateway", "schema-registry"), APPS);

        assertThat(plan).extracting(Group::names, Group::signal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("commerce-orders", "gateway"), Signal.TERM),
                org.assertj.core.groups.Tuple.tuple(List.of("schema-registry"), Signal.TERM),
                org.assertj.core.groups.Tuple.tuple(List.of("kafka"), Signal.TERM));
        assertThat(plan.get(0).why()).contains("kafka");
    }

    @Test
    void anyOfSeveralBrokersKeepsTheAppsFromBeingKilledAndTheBrokersGoLast() {
        List<Group> plan = LeftoverStops.plan(List.of("kafka-2", "query-api-1", "amqp-broker", "kafka-3"), APPS);

        assertThat(plan).extracting(Group::what, Group::signal).containsExactly(
                org.assertj.core.groups.Tuple.tuple("app(s)", Signal.TERM),
                org.assertj.core.groups.Tuple.tuple("part(s)", Signal.TERM),
                org.assertj.core.groups.Tuple.tuple("Kafka broker(s)", Signal.TERM));
        assertThat(plan.get(2).names()).containsExactly("kafka-2", "kafka-3");
    }

    @Test
    void aConnectWorkerIsNoBroker() {
        assertThat(LeftoverStops.isBroker("kafka")).isTrue();
        assertThat(LeftoverStops.isBroker("kafka-1")).isTrue();
        assertThat(LeftoverStops.isBroker("kafka-connect")).isFalse();
        assertThat(LeftoverStops.isBroker("commerce-orders")).isFalse();

        List<Group> plan = LeftoverStops.plan(List.of("kafka-connect", "commerce-payments"), APPS);
        assertThat(plan).extracting(Group::names, Group::signal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("commerce-payments"), Signal.KILL),
                org.assertj.core.groups.Tuple.tuple(List.of("kafka-connect"), Signal.TERM));
    }

    @Test
    void everyAppOfTheStackIsStoppedAsAnApp() {
        List<Group> plan = LeftoverStops.plan(APPS, APPS);

        assertThat(plan).singleElement().satisfies(g -> {
            assertThat(g.names()).containsExactlyElementsOf(APPS);
            assertThat(g.signal()).isEqualTo(Signal.KILL);
        });
    }

    @Test
    void nothingLeftMeansNothingToStop() {
        assertThat(LeftoverStops.plan(List.of(), APPS)).isEmpty();
    }
}

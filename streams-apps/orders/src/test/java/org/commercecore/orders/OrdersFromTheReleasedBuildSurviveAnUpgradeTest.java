package org.commercecore.orders;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.orders.internal.CheckedOrder;
import org.commercecore.orders.internal.CustomerSpend;
import org.commercecore.orders.internal.OrderState;
import org.commercecore.orders.internal.Reply;
import org.commercecore.orders.internal.SpendBucket;
import org.commercecore.platform.serde.FirstReleaseOrderEvents;
import org.commercecore.platform.streams.TopologyTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade finds order events the first released build left unread on a repartition topic.
 * OrderEvent has changed since that release (OrderTransitionRefused was added), so these values
 * carry another fingerprint than this build writes: the topology reads them through the released
 * version its decoder knows.
 */
class OrdersFromTheReleasedBuildSurviveAnUpgradeTest {
    private static final String PLACED_BY_CUSTOMER = OrdersApp.APPLICATION_ID + "-placed-by-customer-repartition";

    @TempDir
    Path state;
    private TopologyTests topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> placedByCustomer;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(OrdersApp.APPLICATION_ID, state,
                serdes -> OrdersTopology.build(serdes, new FraudLimits(10_000, Duration.ofHours(1)), Duration.ofSeconds(30),
                        new SimpleMeterRegistry()));
        driver = topology.driver();
        placedByCustomer = driver.createInputTopic(PLACED_BY_CUSTOMER, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void anOrderTheReleasedBuildLeftOnTheFraudCheckTopicIsCheckedAfterTheUpgrade() {
        placedByCustomer.pipeInput("c-1", FirstReleaseOrderEvents.placed("o-1", "c-1", "SKU-A", 2, 1000),
                Instant.parse("2026-12-01T10:00:00Z"));

        KeyValueStore<String, CustomerSpend> spend = driver.getKeyValueStore(OrdersTopology.FRAUD_STORE);
        assertThat(spend.get("c-1").getRecentOrders()).extracting(CheckedOrder::getOrderId).containsExactly("o-1");
        assertThat(spend.get("c-1").getBuckets()).extracting(SpendBucket::getAmountMinor).containsExactly(2000L);
        KeyValueStore<String, OrderState> orders = driver.getKeyValueStore(OrdersTopology.ORDERS_STORE);
        assertThat(orders.get("o-1").getFraud()).as("the verdict, kept until the order arrives").isEqualTo(Reply.OK);
    }
}

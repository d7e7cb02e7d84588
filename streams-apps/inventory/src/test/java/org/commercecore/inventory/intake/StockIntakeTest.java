package org.commercecore.inventory.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.commercecore.inventory.InventoryApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.commercecore.inventory.InventoryTopology;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.platform.cdc.ChangeRows;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.commercecore.schemas.inventory.AdjustmentReason;
import org.commercecore.schemas.inventory.StockAdjustment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives InventoryTopology.build with change rows of the stock_adjustments and products tables. */
class StockIntakeTest {
    private static final String ADJUSTMENT = "3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e01";

    @TempDir
    Path state;
    private TopologyTests topology;
    private ChangeRows adjustmentRows;
    private ChangeRows productRows;
    private TestInputTopic<GenericRecord, GenericRecord> adjustmentsIn;
    private TestInputTopic<GenericRecord, GenericRecord> productsIn;
    private TestOutputTopic<String, StockAdjustment> adjustments;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(InventoryApp.APPLICATION_ID, state, serdes -> InventoryTopology.build(serdes, new SimpleMeterRegistry()));
        adjustmentRows = ChangeRows.of(Topics.CDC_STOCK_ADJUSTMENTS.name(), ChangeRows.columns("id", "string", "sku", "string", "quantity_delta", "int",
                "reason", "string", "low_stock_threshold", "int", "note", "string", "created_at", "string"), topology.registry());
        productRows = ChangeRows.of(Topics.CDC_PRODUCTS.name(), ChangeRows.columns("sku", "string", "name", "string", "price_minor", "long",
                "currency", "string", "low_stock_threshold", "int", "updated_at", "string"), topology.registry());
        adjustmentsIn = topology.input(Topics.CDC_STOCK_ADJUSTMENTS);
        productsIn = topology.input(Topics.CDC_PRODUCTS);
        adjustments = topology.output(Topics.STOCK_ADJUSTMENTS);
        deadLetters = topology.output(InventoryApp.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void anAdjustmentRowIsAppliedToTheLedgerOnceEvenWhenSentAgain() {
        Map<String, Object> row = Map.of("id", ADJUSTMENT, "sku", "KETTLE-1", "quantity_delta", 12, "reason", "INITIAL",
                "low_stock_threshold", 3, "note", "first delivery", "created_at", "2026-11-25T09:00:00Z");
        adjustmentsIn.pipeInput(adjustmentRows.key(ADJUSTMENT), adjustmentRows.change("c", 10, row));
        adjustmentsIn.pipeInput(adjustmentRows.key(ADJUSTMENT), adjustmentRows.change("r", 10, row));

        List<StockAdjustment> sent = adjustments.readValuesToList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getAdjustmentId()).isEqualTo(ADJUSTMENT);
        assertThat(sent.get(0).getQuantityDelta()).isEqualTo(12);
        assertThat(sent.get(0).getReason()).isEqualTo(AdjustmentReason.INITIAL);
        assertThat(sent.get(0).getLowStockThreshold()).isEqualTo(3);
        assertThat(level("KETTLE-1").getOnHand()).isEqualTo(12);
    }

    @Test
    void anAdjustmentWithAnUnknownReasonIsDeadLettered() {
        adjustmentsIn.pipeInput(adjustmentRows.key(ADJUSTMENT), adjustmentRows.change("c", 11, Map.of("id", ADJUSTMENT,
                "sku", "KETTLE-1", "quantity_delta", 1, "reason", "THEFT", "created_at", "2026-11-25T09:00:00Z")));

        assertThat(deadLetters.readValue().getErrorMessage())
                .endsWith("stock_adjustments row " + ADJUSTMENT + ": reason is THEFT, not one of INITIAL, RESTOCK, CORRECTION, DAMAGE, RETURN");
        assertThat(adjustments.isEmpty()).isTrue();
    }

    @Test
    void aProductsThresholdReachesInventoryOnlyWhenItChanges() {
        product("c", 20, 5, 2490);
        product("u", 21, 5, 1990); // a price change
        product("r", 20, 5, 2490); // the row sent again
        product("u", 22, 2, 1990);

        assertThat(adjustments.readValuesToList()).extracting(StockAdjustment::getLowStockThreshold).containsExactly(5, 2);
        assertThat(level("KETTLE-1").getLowStockThreshold()).isEqualTo(2);
    }

    private void product(String op, long lsn, int threshold, long price) {
        productsIn.pipeInput(productRows.key("KETTLE-1"), productRows.change(op, lsn, Map.of("sku", "KETTLE-1", "name", "Kettle",
                "price_minor", price, "currency", "EUR", "low_stock_threshold", threshold, "updated_at", "2026-11-25T09:00:00Z")));
    }

    private StockLevel level(String sku) {
        KeyValueStore<String, StockLevel> store = topology.driver().getKeyValueStore(InventoryTopology.STOCK_STORE);
        return store.get(sku);
    }

}

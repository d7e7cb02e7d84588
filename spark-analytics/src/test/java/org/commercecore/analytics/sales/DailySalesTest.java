package org.commercecore.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commercecore.analytics.fixtures.KnownSales.D1;
import static org.commercecore.analytics.fixtures.KnownSales.D3;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.decode.FramedAvro;
import org.commercecore.analytics.events.InventoryEvents;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.events.PaymentEvents;
import org.commercecore.analytics.fixtures.Events;
import org.commercecore.analytics.fixtures.Figures;
import org.commercecore.analytics.fixtures.FramedRecords;
import org.commercecore.analytics.fixtures.InMemorySchemas;
import org.commercecore.analytics.fixtures.KnownSales;
import org.junit.jupiter.api.Test;

class DailySalesTest {
    private final InMemorySchemas registry = new InMemorySchemas()
            .register("legacy", Events.ORDER_V1)
            .register(OrderEvents.TOPIC + "-value", Events.ORDER_V2)
            .register(PaymentEvents.TOPIC + "-value", Events.PAYMENT_V1)
            .register(InventoryEvents.TOPIC + "-value", Events.INVENTORY_V1);

    @Test
    void computesEveryFigureOfTheKnownDaysExactly() {
        DailySales.Figures figures = DailySales.compute(events(OrderEvents.TOPIC, OrderEvents::flatten),
                events(PaymentEvents.TOPIC, PaymentEvents::flatten), events(InventoryEvents.TOPIC, InventoryEvents::flatten), D1, D3);

        assertThat(Figures.sales(figures.sales())).containsExactlyElementsOf(KnownSales.SALES);
        assertThat(Figures.skus(figures.skus())).containsExactlyElementsOf(KnownSales.SKUS.stream()
                .sorted(java.util.Comparator.comparing(KnownSales.SkuRow::day).thenComparing(KnownSales.SkuRow::currency)
                        .thenComparing(KnownSales.SkuRow::rank)).toList());
        assertThat(Figures.rejections(figures.rejections())).containsExactlyElementsOf(KnownSales.REJECTIONS);
        assertThat(Figures.stock(figures.stock())).containsExactlyElementsOf(KnownSales.STOCK);
        assertThat(figures.unattributed().count()).isZero();
    }

    @Test
    void aDayAloneGivesThatDaysRowsAndCountsStatusChangesOfOrdersPlacedBeforeWhatWasRead() {
        Dataset<Row> orders = events(OrderEvents.TOPIC, OrderEvents::flatten);
        // as if the lookback did not reach day 1: o1's shipment on day 3 cannot be priced
        Dataset<Row> withoutDay1 = orders.where(org.apache.spark.sql.functions.to_date(orders.col("occurred_at"))
                .gt(org.apache.spark.sql.functions.lit(D1.toString()).cast("date")));
        DailySales.Figures figures = DailySales.compute(withoutDay1, events(PaymentEvents.TOPIC, PaymentEvents::flatten),
                events(InventoryEvents.TOPIC, InventoryEvents::flatten), D3, D3);

        List<KnownSales.SalesRow> day3 = Figures.sales(figures.sales());
        assertThat(day3).singleElement().satisfies(row -> {
            assertThat(row.day()).isEqualTo(D3);
            assertThat(row.shipped()).isZero();
            assertThat(row.cancelled()).isEqualTo(1);
        });
        assertThat(figures.unattributed().collectAsList()).extracting(r -> r.getAs("order_id")).containsExactly("o1");
    }

    private Dataset<Row> events(String topic, UnaryOperator<Dataset<Row>> projection) {
        FramedRecords records = new FramedRecords(topic);
        KnownSales.records().stream().filter(r -> r.topic().equals(topic))
                .forEach(r -> records.addRaw(r.value(registry::id)));
        FramedAvro.Decoded decoded = new FramedAvro(registry).decode(records.toDataset(LocalSpark.session()), topic + "-value",
                projection);
        return decoded.rows();
    }
}

package org.commercecore.analytics.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The report's PNG charts, drawn with XChart (headless): per currency, revenue and orders over the
 * history's days; per currency, the top SKUs of the report's days; rejections by reason over the days.
 * Days without figures are drawn as zero, so a gap in trade shows as one.
 */
public final class SalesCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private SalesCharts() {
    }

    /** A chart file written, with the title the summary shows above it. */
    public record Chart(String title, Path file) {
    }

    public static List<Chart> render(ReportData data, LocalDate historyFrom, Path dir) {
        List<String> days = historyFrom.datesUntil(data.last().plusDays(1)).map(LocalDate::toString).toList();
        List<Chart> charts = new ArrayList<>();
        for (String currency : new TreeSet<>(data.history().stream().map(ReportData.Day::currency).toList())) {
            Map<String, ReportData.Day> byDay = data.history().stream().filter(d -> d.currency().equals(currency))
                    .collect(Collectors.toMap(d -> d.day().toString(), d -> d));

            CategoryChart revenue = chart("Revenue per day (" + currency + ")", "day", currency);
            revenue.addSeries("revenue", days, days.stream()
                    .map(d -> (Number) (byDay.containsKey(d) ? byDay.get(d).revenue() : BigDecimal.ZERO)).toList());
            revenue.addSeries("refunds", days, days.stream()
                    .map(d -> (Number) (byDay.containsKey(d) ? byDay.get(d).refunds() : BigDecimal.ZERO)).toList());
            charts.add(save(revenue, dir, "revenue-" + currency));

            CategoryChart orders = chart("Orders per day (" + currency + ")", "day", "orders");
            orders.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
            orders.getStyler().setOverlapped(true); // every series at the day's own x, not side by side like bars
            addCounts(orders, "placed", days, byDay, ReportData.Day::placed);
            addCounts(orders, "confirmed", days, byDay, ReportData.Day::confirmed);
            addCounts(orders, "rejected", days, byDay, ReportData.Day::rejected);
            addCounts(orders, "cancelled", days, byDay, ReportData.Day::cancelled);
            charts.add(save(orders, dir, "orders-" + currency));

            List<ReportData.Sku> top = data.topSkus().stream().filter(s -> s.currency().equals(currency)).toList();
            if (!top.isEmpty()) {
                CategoryChart skus = chart("Top SKUs by revenue, " + data.range() + " (" + currency + ")", "SKU", currency);
                skus.getStyler().setLegendVisible(false);
                skus.addSeries("revenue", top.stream().map(ReportData.Sku::sku).toList(),
                        top.stream().map(s -> (Number) s.revenue()).toList());
                charts.add(save(skus, dir, "top-skus-" + currency));
            }
        }
        Map<String, Map<String, Long>> byReason = new TreeMap<>();
        data.rejections().forEach(r -> byReason.computeIfAbsent(Objects.toString(r.reason()), k -> new TreeMap<>())
                .merge(r.day().toString(), r.orders(), Long::sum));
        if (!byReason.isEmpty()) {
            CategoryChart rejections = chart("Rejected orders by reason", "day", "orders");
            rejections.getStyler().setStacked(true);
            byReason.forEach((reason, perDay) -> rejections.addSeries(reason, days,
                    days.stream().map(d -> (Number) perDay.getOrDefault(d, 0L)).toList()));
            charts.add(save(rejections, dir, "rejections"));
        }
        return charts;
    }

    private static void addCounts(CategoryChart chart, String name, List<String> days, Map<String, ReportData.Day> byDay,
            ToLongFunction<ReportData.Day> count) {
        chart.addSeries(name, days, days.stream().map(d -> (Number) (byDay.containsKey(d) ? count.applyAsLong(byDay.get(d)) : 0L))
                .toList());
    }

    private static CategoryChart chart(String title, String x, String y) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static Chart save(CategoryChart chart, Path dir, String name) {
        Path file = dir.resolve(name + ".png");
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Chart(chart.getTitle(), file);
    }
}

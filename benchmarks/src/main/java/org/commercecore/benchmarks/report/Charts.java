package org.commercecore.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts (XChart, rendered headless). */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** One line per series (e.g. p50, p99 of intended send -> terminal) over the offered rates. */
    public static Path lines(Path file, String title, String xTitle, String yTitle, Map<String, Map<Double, Double>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (var s : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            s.getValue().entrySet().stream().filter(e -> !e.getValue().isNaN()).sorted(Map.Entry.comparingByKey()).forEach(e -> {
                xs.add(e.getKey());
                ys.add(e.getValue());
            });
            if (!xs.isEmpty()) {
                chart.addSeries(s.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return save(chart, file);
    }

    /** Bars side by side: e.g. the saga's orders/s against the exactly-once chain's ceiling. */
    public static Path bars(Path file, String title, String yTitle, Map<String, Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        Map<String, Double> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, v.isNaN() ? 0 : v));
        chart.addSeries(yTitle, new ArrayList<>(shown.keySet()), new ArrayList<>(shown.values()));
        return save(chart, file);
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            // saveBitmap appends the extension when the name lacks it
            return file.toString().endsWith(".png") ? file : Path.of(file + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}

package org.commercecore.analytics.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code index.html} of a report: the range's figures per day and currency, the top SKUs of its
 * days, what could not be decoded, and the charts. Self-contained (inline CSS, charts beside it),
 * so the directory can be copied, mailed or served as it is.
 */
public final class HtmlSummary {
    private HtmlSummary() {
    }

    public static Path write(ReportData data, List<SalesCharts.Chart> charts, Path dir) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                """);
        String title = "Daily sales " + data.range();
        html.append("<title>").append(escape(title)).append("</title>\n").append("""
                <style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
                th,td{border:1px solid #ccc;padding:.3em .6em}td.n{text-align:right}img{display:block;margin:1em 0}</style>
                </head><body>
                """);
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>Days are UTC calendar days; amounts are exact, in each currency's major unit.</p>\n");

        html.append("<h2>Per day and currency</h2>\n<table><tr><th>day</th><th>currency</th><th>placed</th><th>confirmed</th>"
                + "<th>rejected</th><th>cancelled</th><th>shipped</th><th>revenue</th><th>refunds</th>"
                + "<th>average order</th><th>conversion</th></tr>\n");
        data.history().stream().filter(d -> !d.day().isBefore(data.first())).forEach(d -> html.append("<tr><td>")
                .append(d.day()).append("</td><td>").append(escape(d.currency())).append("</td>")
                .append(number(d.placed())).append(number(d.confirmed())).append(number(d.rejected()))
                .append(number(d.cancelled())).append(number(d.shipped())).append(number(d.revenue()))
                .append(number(d.refunds())).append(number(d.averageOrderValue()))
                .append(number(d.conversionRate() == null ? null
                        : d.conversionRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %"))
                .append("</tr>\n"));
        html.append("</table>\n");

        if (!data.topSkus().isEmpty()) {
            html.append("<h2>Top SKUs, ").append(data.range()).append("</h2>\n<table><tr><th>currency</th><th>rank</th>"
                    + "<th>SKU</th><th>units</th><th>revenue</th></tr>\n");
            data.topSkus().forEach(s -> html.append("<tr><td>").append(escape(s.currency())).append("</td>")
                    .append(number(s.rank())).append("<td>").append(escape(s.sku())).append("</td>")
                    .append(number(s.units())).append(number(s.revenue())).append("</tr>\n"));
            html.append("</table>\n");
        }

        html.append("<h2>Records not decoded</h2>\n<p>").append(data.undecodable()).append(" record(s) could not be decoded")
                .append(data.undecodable() == 0 ? "." : " and were left out (all are listed in undecodable.csv):").append("</p>\n");
        if (!data.undecodableSample().isEmpty()) {
            html.append("<ul>\n");
            data.undecodableSample().forEach(r -> html.append("<li>").append(escape(r)).append("</li>\n"));
            html.append("</ul>\n");
        }

        html.append("<h2>Charts</h2>\n");
        for (SalesCharts.Chart chart : charts) {
            String file = chart.file().getFileName().toString();
            html.append("<a href=\"").append(escape(file)).append("\"><img src=\"").append(escape(file))
                    .append("\" alt=\"").append(escape(chart.title())).append("\"></a>\n");
        }
        html.append("</body></html>\n");
        Path index = dir.resolve("index.html");
        try {
            Files.writeString(index, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + index, e);
        }
        return index;
    }

    private static String number(Object value) {
        String text = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return "<td class=\"n\">" + text + "</td>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

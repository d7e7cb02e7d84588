package org.commercecore.analytics.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the report shows, already collected from the daily-sales tables: the history of the last
 * days (for the trend charts), the top SKUs over the report's days, the rejections over the history, and the
 * records the run could not decode.
 */
public record ReportData(LocalDate first, LocalDate last, List<Day> history, List<Sku> topSkus,
        List<Rejection> rejections, long undecodable, List<String> undecodableSample) {

    /** The report's days as people write them: one day, or first to last. */
    public String range() {
        return first.equals(last) ? last.toString() : first + " to " + last;
    }

    /** One day and currency of {@code daily_sales}. */
    public record Day(LocalDate day, String currency, long placed, long confirmed, long rejected, long cancelled,
            long shipped, BigDecimal revenue, BigDecimal refunds, BigDecimal averageOrderValue, BigDecimal conversionRate) {
    }

    public record Sku(String currency, String sku, long units, BigDecimal revenue, int rank) {
    }

    public record Rejection(LocalDate day, String currency, String reason, long orders) {
    }
}

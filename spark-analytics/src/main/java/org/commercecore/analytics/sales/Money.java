package org.commercecore.analytics.sales;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * Amounts in minor units (how every event carries money) as exact decimals in the currency's major
 * unit: 1250 EUR cents is 12.5000. One column type for every currency, {@code DECIMAL(24,4)}: four
 * places hold every ISO 4217 currency's minor unit exactly, 20 integer digits any long amount.
 */
public final class Money {
    public static final String DECIMAL_TYPE = "decimal(24,4)";

    private Money() {
    }

    /**
     * @param currencies every currency code the column can hold; a code that is not ISO 4217 has no
     *     known minor unit and yields null rather than a guessed amount
     */
    public static Column major(Column minor, Column currency, Collection<String> currencies) {
        List<Column> entries = new ArrayList<>();
        for (String code : currencies) {
            minorUnit(code).ifPresent(unit -> {
                entries.add(lit(code));
                entries.add(lit(unit));
            });
        }
        if (entries.isEmpty()) {
            return lit(null).cast(DECIMAL_TYPE);
        }
        Column unit = element_at(map(entries.toArray(Column[]::new)), currency);
        return minor.cast("decimal(20,0)").multiply(unit).cast(DECIMAL_TYPE);
    }

    /** The value of one minor unit (0.01 for EUR, 1 for JPY), if the code is ISO 4217's. */
    public static Optional<BigDecimal> minorUnit(String code) {
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(BigDecimal.ONE.movePointLeft(digits));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

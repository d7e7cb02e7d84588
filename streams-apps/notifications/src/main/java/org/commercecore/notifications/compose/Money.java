package org.commercecore.notifications.compose;

import java.math.BigDecimal;
import java.util.Currency;

/** An amount in minor units as a person reads it: 2490 EUR is "24.90". */
final class Money {
    private Money() {
    }

    static String format(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException e) {
            digits = 2; // a code the JDK does not know: the common case rather than a failed notification
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}

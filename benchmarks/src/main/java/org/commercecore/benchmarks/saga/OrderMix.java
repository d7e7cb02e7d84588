package org.commercecore.benchmarks.saga;

import java.util.Locale;

/**
 * Which outcome the i-th order of a saga burst is built for, and with what customer, SKU and amount.
 * Per hundred orders: 90 are meant to confirm, 5 name a SKU that was never stocked (OUT_OF_STOCK), 3
 * come from a customer whose id starts with the simulated provider's declined prefix
 * (PAYMENT_DECLINED), 2 come from one customer per trial spending {@value #FRAUD_AMOUNT} each (under
 * the provider's limit of 500,000): the first two pass, every later one would take the customer over
 * the fraud limit (FRAUD_SUSPECTED). Confirming customers are spread so none comes near the fraud limit (1,000,000 minor
 * units per 24 h by default: at most {@value #CONFIRM_PRICE} per order, over {@value #CUSTOMERS}
 * customers per trial).
 */
public final class OrderMix {
    public enum Outcome { CONFIRM, OUT_OF_STOCK, DECLINED, FRAUD }

    /** The simulated payment provider declines customers with this prefix (SimulatedPaymentProvider.Rules.standard()). */
    static final String DECLINED_PREFIX = "declined-";
    static final long CONFIRM_PRICE = 1_000;
    /** Three of these exceed the default fraud limit (FraudLimits, COMMERCE_FRAUD_LIMIT_MINOR = 1,000,000). */
    static final long FRAUD_AMOUNT = 400_000;
    /** How many of the fraud customer's orders stay within the limit (2 x 400,000 of 1,000,000). */
    public static final int FRAUD_PASSES = 2;
    static final int CUSTOMERS = 500;
    public static final int STOCKED_SKUS = 20;

    /** What one order is built from. */
    public record Planned(Outcome outcome, String customerId, String sku, int quantity, long unitPriceMinor) {
    }

    private OrderMix() {
    }

    public static Outcome outcome(int i) {
        int slot = i % 100;
        return slot < 90 ? Outcome.CONFIRM : slot < 95 ? Outcome.OUT_OF_STOCK : slot < 98 ? Outcome.DECLINED : Outcome.FRAUD;
    }

    /** {@code tag} makes customers and SKUs unique to one trial of one run (a fresh fraud window, fresh stock). */
    public static Planned plan(String tag, int i) {
        String sku = stockedSku(tag, i % STOCKED_SKUS);
        return switch (outcome(i)) {
            case CONFIRM -> new Planned(Outcome.CONFIRM, "bench-" + tag + "-c" + (i % CUSTOMERS), sku, 1, CONFIRM_PRICE);
            case OUT_OF_STOCK -> new Planned(Outcome.OUT_OF_STOCK, "bench-" + tag + "-c" + (i % CUSTOMERS), emptySku(tag), 1,
                    CONFIRM_PRICE);
            case DECLINED -> new Planned(Outcome.DECLINED, DECLINED_PREFIX + tag + "-" + (i % 50), sku, 1, CONFIRM_PRICE);
            case FRAUD -> new Planned(Outcome.FRAUD, "bench-" + tag + "-fraud", sku, 1, FRAUD_AMOUNT);
        };
    }

    public static String stockedSku(String tag, int j) {
        return String.format(Locale.ROOT, "BENCH-%s-%02d", tag, j).toUpperCase(Locale.ROOT);
    }

    public static String emptySku(String tag) {
        return ("BENCH-" + tag + "-EMPTY").toUpperCase(Locale.ROOT);
    }

    /** The rejection reason the i-th order should end with, or null for a confirmation. */
    public static String expectedReason(int i) {
        Outcome outcome = outcome(i);
        if (outcome == Outcome.FRAUD && (i / 100) * 2 + (i % 100 - 98) < FRAUD_PASSES) {
            return null; // the fraud customer's first two orders stay within the limit
        }
        return switch (outcome) {
            case CONFIRM -> null;
            case OUT_OF_STOCK -> "OUT_OF_STOCK";
            case DECLINED -> "PAYMENT_DECLINED";
            case FRAUD -> "FRAUD_SUSPECTED";
        };
    }
}

package org.commercecore.benchmarks.fullpath;

import java.util.function.DoublePredicate;

/**
 * The highest rate that keeps up, by bisection between a rate known to keep up and one known not to
 * (doubling first while even the highest tried keeps up, up to a cap). Short runs: each probe is a
 * run of its own, so a few steps cost minutes.
 */
public final class RateSearch {
    private RateSearch() {
    }

    /** The highest rate found to keep up ({@code passing} itself if nothing above it does). */
    public static double highest(double passing, double failing, int steps, double cap, DoublePredicate keepsUp) {
        double low = passing;
        double high = failing;
        int left = steps;
        while (Double.isNaN(high) && left > 0) {
            double probe = Math.min(cap, low * 2);
            left--;
            if (keepsUp.test(probe)) {
                low = probe;
                if (probe >= cap) {
                    return low;
                }
            } else {
                high = probe;
            }
        }
        while (!Double.isNaN(high) && left-- > 0 && high - low > Math.max(10, low * 0.05)) {
            double probe = Math.round((low + high) / 2);
            if (keepsUp.test(probe)) {
                low = probe;
            } else {
                high = probe;
            }
        }
        return low;
    }
}

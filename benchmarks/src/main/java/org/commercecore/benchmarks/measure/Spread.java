package org.commercecore.benchmarks.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Min, median and max of one figure over the trials. The median, not the mean: with three noisy
 * trials on a shared machine one disturbed trial moves the mean, not the median.
 */
public record Spread(double min, double median, double max, int trials) {

    public static Spread of(Collection<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> v != null && !v.isNaN()).toList());
        if (sorted.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(sorted.get(0), median, sorted.get(n - 1), n);
    }
}

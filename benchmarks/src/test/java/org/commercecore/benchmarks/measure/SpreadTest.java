package org.commercecore.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void givesMinMedianAndMaxOfAnOddNumberOfTrials() {
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(1.0, 2.0, 3.0, 3));
    }

    @Test
    void averagesTheMiddleTwoOfAnEvenNumber() {
        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 10.0)).median()).isEqualTo(3.0);
    }

    @Test
    void ignoresMissingFiguresAndReportsNoneForNoTrials() {
        assertThat(Spread.of(List.of(Double.NaN, 5.0)).median()).isEqualTo(5.0);
        assertThat(Spread.of(List.of()).trials()).isZero();
        assertThat(Spread.of(List.of()).median()).isNaN();
    }
}

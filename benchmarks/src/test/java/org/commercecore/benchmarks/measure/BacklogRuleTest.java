package org.commercecore.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacklogRuleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSteadyBacklogThatDrainsKeepsUp() {
        List<BacklogRule.Sample> samples = new ArrayList<>();
        for (int s = 1; s <= 9; s++) {
            samples.add(new BacklogRule.Sample(s * SECOND, s * 100L, s * 100L - 40));
        }
        BacklogRule.Verdict verdict = BacklogRule.judge(samples, 9 * SECOND, true);
        assertThat(verdict.keepsUp()).isTrue();
        assertThat(verdict.firstThirdBacklog()).isEqualTo(40);
        assertThat(verdict.endBacklog()).isEqualTo(40);
    }

    @Test
    void aGrowingBacklogDoesNot() {
        List<BacklogRule.Sample> samples = new ArrayList<>();
        for (int s = 1; s <= 9; s++) {
            samples.add(new BacklogRule.Sample(s * SECOND, s * 100L, s * 60L));
        }
        BacklogRule.Verdict verdict = BacklogRule.judge(samples, 9 * SECOND, true);
        assertThat(verdict.keepsUp()).isFalse();
        assertThat(verdict.why()).contains("grew from 120 to 360");
    }

    @Test
    void noiseWithinTheSlackStillKeepsUp() {
        List<BacklogRule.Sample> samples = List.of(new BacklogRule.Sample(SECOND, 100, 95), new BacklogRule.Sample(9 * SECOND, 900, 888));
        assertThat(BacklogRule.judge(samples, 9 * SECOND, true).keepsUp()).isTrue();
    }

    @Test
    void ordersLeftOverAfterTheGracePeriodFailTheRate() {
        List<BacklogRule.Sample> samples = List.of(new BacklogRule.Sample(SECOND, 100, 90), new BacklogRule.Sample(9 * SECOND, 900, 890));
        BacklogRule.Verdict verdict = BacklogRule.judge(samples, 9 * SECOND, false);
        assertThat(verdict.keepsUp()).isFalse();
        assertThat(verdict.why()).contains("not terminal");
    }
}

package org.commercecore.benchmarks.measure;

import java.util.List;

/**
 * Whether a rate is sustainable: the backlog (orders sent, not yet terminal) must not grow over the
 * load window, and everything sent must be terminal shortly after the load stops. A system at its
 * limit keeps a steady backlog of about rate x latency; one past it piles up orders, so the backlog
 * at the end of the window exceeds the largest one seen in its first third.
 */
public final class BacklogRule {
    /** Noise allowed on top of the first third's backlog: a few orders, or a tenth of that backlog. */
    static final int MIN_SLACK = 10;

    private BacklogRule() {
    }

    /** One look at the run: when (ns since the load began), how many sent, how many terminal. */
    public record Sample(long atNanos, long sent, long terminal) {
        public long backlog() {
            return sent - terminal;
        }
    }

    public record Verdict(boolean keepsUp, long firstThirdBacklog, long endBacklog, boolean drained, String why) {
    }

    /**
     * @param samples   taken during the load window, in time order
     * @param windowNanos length of the load window
     * @param drained   whether every order was terminal within the grace period after the load
     */
    public static Verdict judge(List<Sample> samples, long windowNanos, boolean drained) {
        long third = windowNanos / 3;
        long firstThird = samples.stream().filter(s -> s.atNanos() <= third).mapToLong(Sample::backlog).max().orElse(0);
        long end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).backlog();
        long slack = Math.max(MIN_SLACK, firstThird / 10);
        boolean steady = end <= firstThird + slack;
        String why = !steady ? "backlog grew from " + firstThird + " to " + end
                : !drained ? "orders still not terminal after the grace period"
                : "backlog steady (" + firstThird + " -> " + end + "), drained";
        return new Verdict(steady && drained, firstThird, end, drained, why);
    }
}

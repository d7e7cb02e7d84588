package org.commercecore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.commercecore.localstack.StackSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak ({@code system-tests/fault-matrix/soak --minutes N --rate R}): the order load for N
 * minutes at R orders/s, every fault of the matrix at least once, in a random order at random times,
 * then every invariant; the report goes into docs/reliability.md. Only when asked for: a plain
 * {@code mvn verify} skips it.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "[1-9][0-9]*")
class SoakIT {
    private static final Duration BUCKET = Duration.ofSeconds(10);
    /** Time at the start with no fault (the load settles) and at the end (the last fault's recovery shows). */
    private static final Duration QUIET = Duration.ofMinutes(1);

    @Test
    void runsTheLoadUnderFaultsAtRandomTimesAndWritesTheReport() throws Exception {
        int minutes = Integer.getInteger("soak.minutes");
        int rate = Integer.getInteger("soak.rate", 20);
        Path docs = Path.of(System.getProperty("soak.docs", StackSettings.findHome().resolve("docs").toString()));
        Random random = new Random(Long.getLong("soak.seed", System.nanoTime()));
        Duration run = Duration.ofMinutes(minutes);

        try (SystemUnderFault system = SystemUnderFault.start(Path.of("target", "soak").toAbsolutePath());
             Timeline timeline = new Timeline(system.stack().addresses())) {
            List<SystemUnderFault.Fault> faults = new ArrayList<>(system.faults());
            Collections.shuffle(faults, random);
            long window = run.minus(QUIET.multipliedBy(2)).toMillis();
            if (window < faults.size() * 60_000L) {
                throw new IllegalArgumentException("--minutes " + minutes + " is too short for " + faults.size()
                        + " faults a minute apart after a quiet minute at each end: give at least " + (faults.size() + 2));
            }
            long slot = window / faults.size();
            List<long[]> injected = new ArrayList<>(); // at, part back (ms)
            OrderLoad load = system.load();
            long start = System.currentTimeMillis();
            try (load) {
                load.start(rate);
                for (int i = 0; i < faults.size(); i++) {
                    // anywhere in the first half of its slot, so each fault's recovery has the rest to itself
                    long at = QUIET.toMillis() + i * slot + (long) (random.nextDouble() * slot / 2);
                    sleepUntil(start + at);
                    SystemUnderFault.Fault fault = faults.get(i);
                    long began = System.currentTimeMillis();
                    System.out.printf("[soak %s] %s (%d accepted so far)%n", clock(began - start), fault.name(), load.accepted().size());
                    fault.inject().run();
                    injected.add(new long[] {began - start, System.currentTimeMillis() - began});
                }
                sleepUntil(start + run.toMillis());
            }
            long end = System.currentTimeMillis();
            System.out.printf("[soak %s] load stopped: %d sent, %d accepted; checking the invariants%n", clock(end - start),
                    load.sent(), load.accepted().size());
            Invariants.Result result = Invariants.check(system.stack(), load);
            List<Timeline.Bucket> buckets = timeline.buckets(load.firstSent(), start, end, BUCKET);
            List<SoakReport.Injected> report = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) {
                long at = injected.get(i)[0];
                report.add(new SoakReport.Injected(faults.get(i).name(), at, Duration.ofMillis(injected.get(i)[1]),
                        rateBack(buckets, start + at, rate)));
            }
            SoakReport.write(docs, new SoakReport.Run(minutes, rate, System.getProperty("soak.commit", "unknown"), load.sent(),
                    load.accepted().size(), load.retries(), load.hung(), report, result, buckets, start, BUCKET));
            System.out.printf("[soak] report written to %s; outcomes %s%n", docs.resolve("reliability.md"), result.outcomes());
            assertThat(result.violated()).as("invariants violated").isEmpty();
        }
    }

    /**
     * From the fault until the terminal rate is back at 90% of the offered rate, if it fell below
     * that in the bucket of the fault or the next two; null if it never dipped.
     */
    static Duration rateBack(List<Timeline.Bucket> buckets, long faultAt, int rate) {
        double floor = 0.9 * rate * BUCKET.toSeconds();
        int first = -1;
        for (int i = 0; i < buckets.size(); i++) {
            if (buckets.get(i).startMillis() + BUCKET.toMillis() > faultAt) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return null;
        }
        boolean dipped = false;
        for (int i = first; i < buckets.size(); i++) {
            boolean low = buckets.get(i).terminal() < floor;
            if (low) {
                dipped = true;
            } else if (dipped || i > first + 2) {
                return dipped ? Duration.ofMillis(Math.max(0, buckets.get(i).startMillis() - faultAt)) : null;
            }
        }
        return dipped ? Duration.ofMillis(buckets.get(buckets.size() - 1).startMillis() + BUCKET.toMillis() - faultAt) : null;
    }

    /** The schedule's next point: the load runs on meanwhile. */
    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            SystemUnderFault.pause(Duration.ofMillis(wait));
        }
    }

    private static String clock(long millis) {
        long s = millis / 1000;
        return String.format("%d:%02d", s / 60, s % 60);
    }
}

package org.commercecore.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How the processes a killed run left behind are stopped: in groups, one group after another, the
 * members of a group all at once. The apps go first (they need everything else), then the
 * infrastructure that closes on its own (PostgreSQL, the registry, Redis, the AMQP broker, a Connect
 * worker), the Kafka brokers last, each with SIGTERM and a grace period.
 *
 * <p>An app closes cleanly only while a broker answers: its Streams threads and producers flush and
 * commit first, and without a broker they wait out their whole grace period for nothing (11 apps,
 * one after another, took 4 minutes after a crash that took the broker with it). So the apps are
 * killed at once when no broker of that run is left; exactly-once makes a kill safe for them (their
 * open transactions are aborted, their state is rebuilt from the changelogs). While a broker is
 * still there, they get SIGTERM and the grace, all together.
 *
 * <p>Pure decisions, no processes: {@link ProcessRecord} carries them out.
 */
final class LeftoverStops {
    private LeftoverStops() {
    }

    /** The signal a group gets first: SIGTERM and a grace period, or SIGKILL at once. */
    enum Signal {
        TERM, KILL
    }

    /** Leftovers stopped together, with the signal they get and why, for the log. */
    record Group(String what, List<String> names, Signal signal, String why) {
        Group {
            names = List.copyOf(names);
        }
    }

    /**
     * A Kafka broker the stack starts: {@code kafka}, or one of several ({@code kafka-1}, ...). Not
     * the Connect worker ({@code kafka-connect}), which is a client of the brokers like the apps.
     */
    static boolean isBroker(String name) {
        return name.startsWith("kafka") && !name.startsWith("kafka-connect");
    }

    /**
     * The groups that stop {@code alive} (the leftovers still running, by their recorded names), in
     * order; groups with no members are left out. {@code apps} names every app the stack runs.
     */
    static List<Group> plan(Collection<String> alive, Collection<String> apps) {
        Set<String> appNames = Set.copyOf(apps);
        List<String> leftApps = new ArrayList<>();
        List<String> infrastructure = new ArrayList<>();
        List<String> brokers = new ArrayList<>();
        for (String name : alive) {
            if (appNames.contains(name)) {
                leftApps.add(name);
            } else if (isBroker(name)) {
                brokers.add(name);
            } else {
                infrastructure.add(name);
            }
        }
        List<Group> groups = new ArrayList<>();
        if (!leftApps.isEmpty()) {
            groups.add(brokers.isEmpty()
                    ? new Group("app(s)", leftApps, Signal.KILL, "no Kafka broker of that run is left, so a clean close"
                    + " could only wait for it; exactly-once makes a kill safe")
                    : new Group("app(s)", leftApps, Signal.TERM, "a Kafka broker of that run (" + String.join(", ", brokers)
                    + ") still runs, so they can close cleanly"));
        }
        if (!infrastructure.isEmpty()) {
            groups.add(new Group("part(s)", infrastructure, Signal.TERM, "they close cleanly on their own"));
        }
        if (!brokers.isEmpty()) {
            groups.add(new Group("Kafka broker(s)", brokers, Signal.TERM, "last, once nothing needs them"));
        }
        return groups;
    }
}

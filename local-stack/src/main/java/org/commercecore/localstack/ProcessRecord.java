package org.commercecore.localstack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes this stack spawned (apps, registry, Redis, PostgreSQL, ...), written to the run
 * directory as each starts, so that a stack killed with SIGKILL, or interrupted while starting,
 * leaves nothing behind the next start. Each line holds the pid and the process's start time: a
 * recycled pid never matches, so only our own processes are ever stopped.
 */
final class ProcessRecord {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRecord.class);
    private static final String FILE = "processes";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** After SIGKILL a process has nothing left to do but exit. */
    private static final Duration KILLED_EXIT = Duration.ofSeconds(10);

    private final Path file;

    ProcessRecord(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    synchronized void add(String name, ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        String line = name + " " + process.pid() + " " + started.map(Instant::toEpochMilli).orElse(-1L) + "\n";
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot record process {} in {}: {}", process.pid(), file, e.getMessage());
        }
    }

    /** After a clean stop there is nothing left to find. */
    synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    /**
     * Stops every recorded process that is still the same process, then forgets them: in the groups
     * {@link LeftoverStops} decides (apps, then the other parts, then the Kafka brokers), all of a
     * group at once. {@code apps} names every app the stack runs.
     */
    synchronized void stopLeftovers(Collection<String> apps) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<Leftover> leftovers = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            long startedAt = Long.parseLong(f[2]);
            ProcessHandle.of(Long.parseLong(f[1]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> startedAt >= 0 && p.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == startedAt)
                    .ifPresent(p -> leftovers.add(new Leftover(f[0], p)));
        }
        for (LeftoverStops.Group group : LeftoverStops.plan(leftovers.stream().map(Leftover::name).toList(), apps)) {
            stopTogether(group, leftovers.stream().filter(l -> group.names().contains(l.name())).toList());
        }
        Files.delete(file);
    }

    private record Leftover(String name, ProcessHandle process) {
    }

    /**
     * Signals every member first, then waits for each in a thread of its own, so that the grace
     * periods run side by side; in every case until each process and its children are gone.
     */
    private static void stopTogether(LeftoverStops.Group group, List<Leftover> members) throws InterruptedIOException {
        boolean kill = group.signal() == LeftoverStops.Signal.KILL;
        LOG.warn("stopping {} {} left behind by an earlier run, all at once, with {}: {}: {}", members.size(), group.what(),
                kill ? "SIGKILL" : "SIGTERM and " + STOP_GRACE.toSeconds() + " s of grace", group.why(),
                members.stream().map(m -> m.name() + " (pid " + m.process().pid() + ")").collect(Collectors.joining(", ")));
        List<Thread> waits = new ArrayList<>();
        for (Leftover member : members) {
            ProcessHandle p = member.process();
            List<ProcessHandle> family = ProcessExit.family(p);
            if (kill) {
                family.forEach(ProcessHandle::destroyForcibly); // its children too: nothing would stop them later
            } else {
                p.destroy();
            }
            Thread wait = new Thread(() -> ProcessExit.await(member.name(), p, family, kill ? KILLED_EXIT : STOP_GRACE),
                    "stop-leftover-" + member.name());
            wait.setDaemon(true);
            wait.start();
            waits.add(wait);
        }
        for (Thread wait : waits) {
            try {
                wait.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while stopping the leftovers of an earlier run");
            }
        }
    }
}

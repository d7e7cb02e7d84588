package org.commercecore.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes this stack spawned (registry JVM, Redis, PostgreSQL), written to the run
 * directory as each starts, so that a stack killed with SIGKILL, or interrupted while starting,
 * leaves nothing behind the next start. Each line holds the pid and the process's start time: a
 * recycled pid never matches, so only our own processes are ever stopped.
 */
final class ProcessRecord {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRecord.class);
    private static final String FILE = "processes";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

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

    /** Stops every recorded process that is still the same process, then forgets them. */
    synchronized void stopLeftovers() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            long startedAt = Long.parseLong(f[2]);
            ProcessHandle.of(Long.parseLong(f[1]))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> startedAt >= 0 && p.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == startedAt)
                    .ifPresent(p -> stop(f[0], p));
        }
        Files.delete(file);
    }

    /** SIGTERM, a grace period, SIGKILL; and in every case until the process and its children are gone. */
    private static void stop(String name, ProcessHandle p) {
        LOG.warn("stopping {} (pid {}) left behind by an earlier run", name, p.pid());
        List<ProcessHandle> family = ProcessExit.family(p);
        p.destroy();
        ProcessExit.await(name, p, family, STOP_GRACE);
    }
}

package org.commercecore.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for a stopped process to be gone, with its children. A stop command may return before
 * the process has exited (pg_ctl, redis SHUTDOWN), and a PostgreSQL killed after its grace period
 * leaves its backends behind for a moment, still attached to the old shared memory: a new server on
 * the same data directory refuses to start until they have exited.
 */
final class ProcessExit {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExit.class);
    private static final Duration CHILD_EXIT = Duration.ofSeconds(10);

    private ProcessExit() {
    }

    /** The process and its children, taken while it still runs (an exited process has none). */
    static List<ProcessHandle> family(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).toList();
    }

    /**
     * After a stop was asked for: waits up to {@code grace}, then kills; either way until the whole
     * family is gone. False if something of it still runs.
     */
    static boolean await(String name, ProcessHandle process, List<ProcessHandle> family, Duration grace) {
        if (!exited(process, grace)) {
            LOG.warn("{} (pid {}) did not exit within {} s; killing it", name, process.pid(), grace.toSeconds());
            process.destroyForcibly();
        }
        boolean allGone = true;
        for (ProcessHandle member : family) {
            if (!exited(member, CHILD_EXIT)) {
                member.destroyForcibly();
                if (!exited(member, CHILD_EXIT)) {
                    LOG.warn("pid {} (of {}) is still running after SIGKILL", member.pid(), name);
                    allGone = false;
                }
            }
        }
        return allGone;
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException | TimeoutException e) {
            return !process.isAlive();
        }
    }
}

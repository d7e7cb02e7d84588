package org.commercecore.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the processes the stack spawned (registry JVM, postgres, redis) in the run directory,
 * so that a stack killed with SIGKILL leaves no orphans behind the next start.
 */
final class ChildProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);
    private static final String FILE = "children.pids";

    private ChildProcesses() {
    }

    static void record(Path runDir) {
        // PostgreSQL daemonizes (its parent is init), so it is found through its own pid file
        Stream<Long> postgres = postmasterPid(runDir.resolve("postgres").resolve("postmaster.pid")).stream();
        String pids = Stream.concat(ProcessHandle.current().descendants().map(ProcessHandle::pid), postgres)
                .map(String::valueOf).distinct().collect(Collectors.joining("\n"));
        try {
            Files.writeString(runDir.resolve(FILE), pids);
        } catch (IOException e) {
            LOG.warn("cannot record child processes in {}: {}", runDir, e.getMessage());
        }
    }

    private static Optional<Long> postmasterPid(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::valueOf);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read {}: {}", pidFile, e.getMessage());
        }
        return Optional.empty();
    }

    static void killLeftovers(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.trim()));
            handle.filter(ProcessHandle::isAlive).filter(ChildProcesses::looksLikeOurs).ifPresent(p -> {
                LOG.warn("stopping leftover process {} from an earlier run: {}", p.pid(), p.info().command().orElse("?"));
                p.destroy();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        }
        Files.delete(file);
    }

    /** Only a java, postgres or redis process: a recycled pid must never hit someone else's program. */
    private static boolean looksLikeOurs(ProcessHandle p) {
        String command = p.info().command().orElse("");
        return command.endsWith("/java") || command.contains("postgres") || command.contains("redis");
    }
}

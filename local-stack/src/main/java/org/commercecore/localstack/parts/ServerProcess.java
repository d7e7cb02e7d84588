package org.commercecore.localstack.parts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A server the stack spawned in a process of its own, at one address, stopped with SIGTERM and a grace period. */
abstract class ServerProcess implements Part {
    private final String name;
    private final Process process;
    private final URI url;
    private final Duration stopGrace;

    ServerProcess(String name, Process process, URI url, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.stopGrace = stopGrace;
    }

    /** Waits until {@code health} (relative to its address) answers 200; stops it and fails otherwise. */
    void awaitHealthy(String health, Duration timeout, Path log) {
        ChildProcess.awaitHealthy(name, process, url.resolve(health), timeout, log, stopGrace);
    }

    /** Where it serves, with a trailing slash. */
    public URI url() {
        return url;
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.toHandle());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        ChildProcess.stop(process, stopGrace);
    }
}

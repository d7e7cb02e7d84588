package org.commercecore.localstack.parts;

import java.io.IOException;

/**
 * A child process the stack can kill as a crash would and start again exactly as it was first
 * started (same command, environment and log), for fault tests: an app, a Kafka broker.
 */
final class Respawnable {
    private final String name;
    private final ProcessBuilder launch;
    private volatile Process process;

    Respawnable(String name, ProcessBuilder launch) throws IOException {
        this.name = name;
        this.launch = launch;
        this.process = launch.start();
    }

    /** The process now running (a new one after each {@link #respawn}). */
    Process process() {
        return process;
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again; refused while it still runs. */
    void respawn() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            process = launch.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart " + name + ": " + e.getMessage(), e);
        }
    }
}

package org.commercecore.localstack.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL 17 server from the binaries zonky ships in a jar, with logical decoding
 * enabled for Debezium ({@code wal_level=logical}, pgoutput) and durable commits (fsync and
 * synchronous commit on, unlike zonky's defaults). Its data directory is kept across restarts
 * unless the run directory is wiped.
 */
public final class EmbeddedPostgres implements Part {
    /** The embedded server's superuser. */
    public static final String USER = "postgres";
    /** Dev only: the embedded server trusts local connections, so any password is accepted. */
    public static final String DEV_PASSWORD = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Optional<ProcessHandle> postmaster) {
        this.server = server;
        this.postmaster = postmaster;
    }

    public static EmbeddedPostgres start(int port, Path dataDir) {
        Path log = dataDir.resolveSibling("postgres.log");
        try {
            Files.createDirectories(dataDir.getParent());
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // the stack stops PostgreSQL itself, after Connect: a JVM hook of its own would stop it
                    // at the same time as everything else and leave Debezium's task retrying against a dead server
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // PostgreSQL's own messages (why it did not start) go to a file; zonky would log them at INFO
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_connections", "200")
                    // zonky starts the server with -F (fsync off) and synchronous_commit=off, for speed in tests:
                    // a commit would then be acknowledged before it is on disk, and a crash lost acknowledged orders
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            return new EmbeddedPostgres(server, postmaster(dataDir));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL on port " + port + ": " + e.getMessage()
                    + "; its log (" + log + ") ends with:\n" + LogTail.of(log, 20), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    /**
     * PostgreSQL daemonizes (its parent is init, not us), so it is found through its pid file,
     * once, while it runs: the file is gone before the process is.
     */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst()
                    .map(String::trim).map(Long::valueOf).flatMap(ProcessHandle::of);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return postmaster;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("stopping PostgreSQL failed: " + e.getMessage(), e);
        }
    }
}

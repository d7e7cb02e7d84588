package org.commercecore.localstack.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/** A real Redis server from the binary embedded-redis ships, bound to loopback, persisting to {@code dataDir}. */
public final class EmbeddedRedis implements Part {
    private final RedisServer server;
    private final int port;
    private final Optional<ProcessHandle> process;

    private EmbeddedRedis(RedisServer server, int port, Optional<ProcessHandle> process) {
        this.server = server;
        this.port = port;
        this.process = process;
    }

    public static EmbeddedRedis start(int port, Path dataDir) {
        return prepare(port, dataDir).start();
    }

    /**
     * The server's binary written out (embedded-redis copies it to a temporary file), not started.
     * A process another thread forks while that file is open for writing inherits the open file, and
     * executing the binary then fails with "Text file busy" (ETXTBSY) until that child has closed it:
     * the local stack prepares Redis before it starts parts in parallel, so no fork overlaps the write.
     */
    public static Prepared prepare(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return new Prepared(RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .build(), port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare embedded Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** A Redis whose binary is in place, ready to start. */
    public record Prepared(RedisServer server, int port) {
        public EmbeddedRedis start() {
            return EmbeddedRedis.start(server, port);
        }
    }

    private static EmbeddedRedis start(RedisServer server, int port) {
        try {
            Set<Long> before = childPids();
            server.start();
            EmbeddedRedis redis = new EmbeddedRedis(server, port, spawnedSince(before));
            try {
                Waits.until("Redis on port " + port, Duration.ofSeconds(20), () -> RedisPing.pong("127.0.0.1", port));
            } catch (RuntimeException e) {
                redis.close();
                throw e;
            }
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public Optional<ProcessHandle> process() {
        return process;
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** The library keeps its process private: ours is the redis child that did not exist before the start. */
    private static Optional<ProcessHandle> spawnedSince(Set<Long> before) {
        return ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().command().orElse("").contains("redis"))
                .findFirst();
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new IllegalStateException("stopping Redis failed: " + e.getMessage(), e);
        }
    }
}

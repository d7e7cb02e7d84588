package org.commercecore.localstack.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/** A real Redis server from the binary embedded-redis ships, bound to loopback, persisting to {@code dataDir}. */
public final class EmbeddedRedis implements Part {
    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .build();
            server.start();
            EmbeddedRedis redis = new EmbeddedRedis(server, port);
            Waits.until("Redis on port " + port, Duration.ofSeconds(20), () -> RedisPing.pong("127.0.0.1", port));
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
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
    public String origin() {
        return "embedded";
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

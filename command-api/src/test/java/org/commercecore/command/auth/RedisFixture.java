package org.commercecore.command.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.parts.EmbeddedRedis;
import redis.clients.jedis.RedisClient;

/** A real Redis of its own for one test class (the local stack's embedded binary, nothing else of the stack), and a clock a test moves. */
final class RedisFixture implements AutoCloseable {
    private final EmbeddedRedis server;
    final RedisClient redis;

    RedisFixture() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "redis-");
        server = EmbeddedRedis.start(FreePorts.one(), dir);
        redis = RedisClient.create(java.net.URI.create(server.url()));
    }

    @Override
    public void close() {
        redis.close();
        server.close();
    }

    /** A clock that stands still until told to move. */
    static final class MovableClock extends Clock {
        private final Instant[] now; // shared by the views of this clock in other zones
        private final ZoneId zone;

        MovableClock(Instant start) {
            this(new Instant[] {start}, ZoneOffset.UTC);
        }

        private MovableClock(Instant[] now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration by) {
            now[0] = now[0].plus(by);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        /** The same moving instant, seen in another zone. */
        @Override
        public Clock withZone(ZoneId other) {
            return new MovableClock(now, other);
        }

        @Override
        public Instant instant() {
            return now[0];
        }
    }
}

package org.commercecore.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.commercecore.command.auth.RefreshSessions;
import org.commercecore.command.catalog.Catalog;
import org.commercecore.command.orders.Orders;
import org.commercecore.command.storage.Transactions;
import org.commercecore.command.users.PasswordHasher;
import org.commercecore.command.users.Users;
import org.commercecore.database.WriteSideSchema;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.http.HealthCheck;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.ApiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/** Runs the command API: migrates the write side, then serves until SIGTERM, finishing requests under way. */
public final class CommandApiApp {
    private static final Logger LOG = LoggerFactory.getLogger(CommandApiApp.class);

    private CommandApiApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Running api = start(CommandApiConfig.from(ConfigSource.fromEnvironment()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests under way");
            api.close();
            stopped.countDown();
        }, "command-api-stop"));
        LOG.info("command-api listening on port {}", api.port());
        stopped.await();
    }

    /** A started command API and what it holds; closing stops serving (requests under way finish), then lets go. */
    public record Running(ApiServer server, HikariDataSource dataSource, RedisClient redis, Metrics metrics,
            ScheduledExecutorService housekeeping) implements AutoCloseable {
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.close();
            housekeeping.shutdownNow();
            dataSource.close();
            redis.close();
            metrics.close();
        }
    }

    /** Migrates the write side, makes sure an admin exists, and serves. */
    public static Running start(CommandApiConfig config) {
        WriteSideSchema.migrate(config.postgresUrl(), config.postgresUser(), config.postgresPassword());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.postgresUrl());
        pool.setUsername(config.postgresUser());
        pool.setPassword(config.postgresPassword());
        pool.setMaximumPoolSize(10);
        pool.setPoolName("command-api");
        HikariDataSource dataSource = new HikariDataSource(pool);
        RedisClient redis = RedisClient.create(config.redisUrl());
        Metrics metrics = new Metrics("command-api");
        Transactions transactions = new Transactions(dataSource);
        Users users = new Users(transactions, new PasswordHasher());
        users.ensureAdmin(config.bootstrapAdminEmail(), config.bootstrapAdminPassword());
        Orders orders = new Orders(transactions);
        CommandApi.Services services = new CommandApi.Services(users,
                new AccessTokens(config.tokenSecret(), config.accessTokenLifetime(), Clock.systemUTC()),
                new RefreshSessions(redis, config.refreshSessionLifetime()), orders, new Catalog(transactions));
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "idempotency-key-purge"));
        housekeeping.scheduleWithFixedDelay(() -> purge(orders), 1, 60, TimeUnit.MINUTES);
        OpsEndpoints ops = new OpsEndpoints(metrics)
                .readyWhen("postgresql", () -> check(() -> dataSource.isRunning() && checkConnection(dataSource)))
                .readyWhen("redis", () -> check(() -> "PONG".equals(redis.ping())));
        return new Running(ApiServer.start(CommandApi.create(services, ops), "0.0.0.0", config.httpPort()), dataSource, redis, metrics,
                housekeeping);
    }

    private static void purge(Orders orders) {
        try {
            int purged = orders.purgeExpiredKeys();
            if (purged > 0) {
                LOG.info("forgot {} expired idempotency key(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging expired idempotency keys failed; next try in an hour: {}", e.getMessage());
        }
    }

    private static boolean checkConnection(HikariDataSource dataSource) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        }
    }

    private interface Probe {
        boolean up() throws Exception;
    }

    private static HealthCheck.Result check(Probe probe) {
        try {
            return probe.up() ? HealthCheck.Result.up("ok") : HealthCheck.Result.down("not answering");
        } catch (Exception e) {
            return HealthCheck.Result.down(e.getMessage());
        }
    }
}

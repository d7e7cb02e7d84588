package org.commercecore.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.commercecore.command.auth.CodeDelivery;
import org.commercecore.command.auth.LoginThrottle;
import org.commercecore.command.auth.OneTimeCodes;
import org.commercecore.command.auth.RefreshSessions;
import org.commercecore.command.catalog.Catalog;
import org.commercecore.command.orders.Orders;
import org.commercecore.command.storage.Transactions;
import org.commercecore.command.users.PasswordHasher;
import org.commercecore.command.users.Users;
import org.commercecore.database.CommitDurability;
import org.commercecore.database.WriteSideSchema;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.ApiServer;
import org.commercecore.platform.http.api.ClientAddress;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.tasks.AmqpConnections;
import org.commercecore.platform.tasks.TaskPublisher;
import org.commercecore.platform.tasks.TaskQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/** Runs the command API: migrates the write side, then serves until SIGTERM, finishing requests under way. */
public final class CommandApiApp {
    private static final Logger LOG = LoggerFactory.getLogger(CommandApiApp.class);
    /** A code mail task not confirmed by then is reported as not sent (503) and its code withdrawn. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private CommandApiApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandApiConfig config = CommandApiConfig.from(ConfigSource.fromEnvironment());
        ServiceRunner.run("command-api", service -> {
            Running api = start(service, config);
            LOG.info("command-api listening on port {}", api.port());
        });
    }

    /** A started command API, for tests; closing stops it as SIGTERM would. */
    public record Running(Service service, ApiServer server, HikariDataSource dataSource) implements AutoCloseable {
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            service.close();
        }
    }

    public static Running start(CommandApiConfig config) {
        return new Service("command-api").startOrStop(service -> start(service, config));
    }

    /** Migrates the write side, makes sure an admin exists, and serves; every part registered with {@code service}. */
    static Running start(Service service, CommandApiConfig config) {
        WriteSideSchema.migrate(config.postgresUrl(), config.postgresUser(), config.postgresPassword());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.postgresUrl());
        pool.setUsername(config.postgresUser());
        pool.setPassword(config.postgresPassword());
        pool.setMaximumPoolSize(10);
        pool.setPoolName("command-api");
        Metrics metrics = service.add(Service.Stage.CLIENTS, "metrics", new Metrics("command-api"));
        pool.setMetricRegistry(metrics.registry()); // hikaricp_connections_*: pool size, waits, timeouts
        HikariDataSource dataSource = service.add(Service.Stage.CLIENTS, "postgresql pool", new HikariDataSource(pool));
        // a 202 promises the order survives a crash: refuse a server that would acknowledge it before it is on disk
        CommitDurability.require(dataSource);
        RedisClient redis = service.add(Service.Stage.CLIENTS, "redis client", RedisClient.create(config.redisUrl()));
        Transactions transactions = new Transactions(dataSource);
        Users users = new Users(transactions, new PasswordHasher());
        users.ensureAdmin(config.bootstrapAdminEmail(), config.bootstrapAdminPassword());
        Orders orders = new Orders(transactions);
        TaskPublisher codeMails = service.add(Service.Stage.CLIENTS, "code mail tasks", new TaskPublisher(
                () -> AmqpConnections.open(config.amqp(), "command-api"), TaskQueue.CODE_MAILS, CONFIRM_TIMEOUT, Clock.systemUTC()));
        CodeDelivery codes = new CodeDelivery(new OneTimeCodes(redis, config.codes(), config.tokenSecret(), Clock.systemUTC(),
                new SecureRandom(), metrics.registry()), codeMails, metrics.registry());
        CommandApi.Services services = new CommandApi.Services(users,
                new AccessTokens(config.tokenSecret(), config.accessTokenLifetime(), Clock.systemUTC()),
                new RefreshSessions(redis, config.refreshSessionLifetime()),
                new LoginThrottle(redis, Clock.systemUTC(), config.loginFailuresPerAccount(), config.loginFailuresPerAddress()),
                ClientAddress.trusting(config.trustedProxies()), orders, new Catalog(transactions), codes);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "idempotency-key-purge"));
        AutoCloseable stopPurging = housekeeping::shutdownNow;
        service.add(Service.Stage.CLIENTS, "idempotency-key purge", stopPurging);
        housekeeping.scheduleWithFixedDelay(() -> purge(orders), 1, 60, TimeUnit.MINUTES);
        OpsEndpoints ops = new OpsEndpoints(metrics)
                .readyWhen("service", service.notStopping())
                .readyWhen("postgresql", HealthChecks.answers(() -> dataSource.isRunning() && checkConnection(dataSource)))
                .readyWhen("redis", HealthChecks.answers(() -> "PONG".equals(redis.ping())));
        // not a readiness check: without the AMQP broker only the code routes fail (503), orders and logins go on
        ApiServer server = service.add(Service.Stage.HTTP, "http api",
                ApiServer.start(CommandApi.create(services, ops), config.bindAddress(), config.httpPort()));
        return new Running(service, server, dataSource);
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
}

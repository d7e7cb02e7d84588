package org.commercecore.connectors.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.commercecore.connectors.ConnectClient;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.connectors.ConnectorsTool;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.OpsServer;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDC path's health where Prometheus can scrape it: the Connect workers' connector and task
 * states (through Connect's REST API, with the operators' login) and PostgreSQL's replication
 * slots, polled every {@link #INTERVAL} and served on {@code /metrics} with {@code /health/*} like
 * every service; a connector whose tasks failed is restarted ({@link FailedTaskRestarts}). A service of its own because Connect runs as a cluster of its own: this needs
 * only its REST address and the database, not a place in the workers' JVMs.
 */
public final class ConnectMonitorApp {
    public static final String NAME = "connect-monitor";
    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectMonitorApp.class);

    private ConnectMonitorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigSource source = ConfigSource.fromEnvironment();
        ServiceRunner.run(NAME, service -> start(service, ConnectorsTool.client(source), source, INTERVAL));
    }

    /** What it reads, for the settings catalogue (besides the service runner's). */
    public static List<Setting<?>> settings() {
        return List.of(ConnectSettings.CONNECT_URL, ConnectSettings.CONNECT_USER, ConnectSettings.CONNECT_PASSWORD,
                PlatformSettings.POSTGRES_URL, PlatformSettings.POSTGRES_USER, PlatformSettings.POSTGRES_PASSWORD,
                PlatformSettings.HTTP_PORT, PlatformSettings.BIND_ADDRESS);
    }

    /** Starts polling and serving into {@code service}; public so a test runs it as main would. */
    public static OpsServer start(Service service, ConnectClient connect, ConfigSource source, Duration every) {
        Metrics metrics = service.add(Service.Stage.CLIENTS, "metrics", new Metrics(NAME));
        ConnectorStatus connectors = new ConnectorStatus(connect, metrics.registry());
        FailedTaskRestarts restarts = new FailedTaskRestarts(connect::restartFailed, every, Clock.systemUTC(), metrics.registry());
        ReplicationSlots slots = new ReplicationSlots(source.get(PlatformSettings.POSTGRES_URL), source.get(PlatformSettings.POSTGRES_USER),
                source.get(PlatformSettings.POSTGRES_PASSWORD), metrics.registry());
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connect-monitor-poll");
            t.setDaemon(true);
            return t;
        });
        AutoCloseable stopPolling = polls::shutdownNow;
        service.add(Service.Stage.CLIENTS, "polls", stopPolling);
        polls.scheduleWithFixedDelay(() -> {
            pollQuietly("Connect", () -> restarts.after(connectors.poll()));
            pollQuietly("PostgreSQL's replication slots", slots::poll);
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        // ready while it runs: Connect or PostgreSQL being down is what it reports, not a reason to stop being scraped
        OpsEndpoints ops = new OpsEndpoints(metrics).readyWhen("service", service.notStopping());
        return service.add(Service.Stage.HTTP, "ops http", OpsServer.start(ops, source.get(PlatformSettings.BIND_ADDRESS),
                source.get(PlatformSettings.HTTP_PORT)));
    }

    private interface Poll {
        void run() throws Exception;
    }

    private static void pollQuietly(String what, Poll poll) {
        try {
            poll.run();
        } catch (Exception e) {
            LOG.warn("polling {} failed; next try in {} s: {}", what, INTERVAL.toSeconds(), e.getMessage());
        }
    }
}

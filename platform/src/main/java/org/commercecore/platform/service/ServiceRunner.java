package org.commercecore.platform.service;

import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every commerce-core process runs, from its {@code main}: start the parts into a
 * {@link Service}, install the one shutdown hook (SIGTERM, Ctrl-C) that stops them in order, and
 * wait. A start that fails stops what had started and exits 1; so does a part that fails for good later.
 */
public final class ServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    /** Starts a service's parts, registering each with the service as it comes up. */
    @FunctionalInterface
    public interface Starter {
        void start(Service service) throws Exception;
    }

    private ServiceRunner() {
    }

    /** What the runner itself reads, for the settings catalogue. */
    public static List<Setting<?>> settings() {
        return List.of(PlatformSettings.SHUTDOWN_DRAIN, PlatformSettings.LOG_FORMAT,
                PlatformSettings.SERVICE_NAME);
    }

    public static void run(String name, Starter starter) throws InterruptedException {
        ConfigSource config = ConfigSource.fromEnvironment();
        config.get(PlatformSettings.LOG_FORMAT); // only validated: log4j2.xml has read it already
        Service service = new Service(name, config.get(PlatformSettings.SHUTDOWN_DRAIN));
        // installed before the start, so a SIGTERM while parts are still coming up stops those already up
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-shutdown"));
        try {
            starter.start(service);
        } catch (Exception e) {
            LOG.error("{} failed to start: {}", name, e.toString(), e);
            service.close();
            System.exit(1);
        }
        LOG.info("{} started", name);
        service.awaitStopped();
        if (service.failure() != null) {
            System.exit(1);
        }
    }
}

package org.commercecore.localstack;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.commercecore.localstack.demo.Demo;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;

/**
 * {@code local-stack/run [--fresh]}: starts every part on this machine, prints where each listens,
 * and runs until Ctrl-C or SIGTERM, then stops everything it started.
 */
public final class LocalStackMain {
    /** What a JVM stopped by SIGTERM exits with (128 + 15). */
    private static final int SIGTERM_STATUS = 143;

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("""
                    usage: local-stack/run [--fresh] [--no-apps] [--demo] [--observe] [--brokers 1|3]
                      --fresh     wipe the run directory (all Kafka, PostgreSQL, Redis and registry data) first
                      --brokers N 1 (the default) or 3 Kafka brokers, each in a JVM of its own; with 3, every topic
                                  (internal ones included) has 3 replicas and min.insync.replicas=2, so one broker
                                  can die without losing an acknowledged write. A run directory keeps its count:
                                  switching needs --fresh
                      --no-apps   start only the infrastructure, not the commerce-core apps
                      --demo      once up, stock products, register a customer, place orders with mixed outcomes
                                  through the APIs and print how each ended
                      --observe   also start Zipkin (COMMERCE_LOCAL_ZIPKIN_PORT, default 9411) and run every app with
                                  the OpenTelemetry agent sending it traces (sampling: OTEL_TRACES_SAMPLER and
                                  OTEL_TRACES_SAMPLER_ARG); and, when Prometheus is installed, Prometheus
                                  (COMMERCE_LOCAL_PROMETHEUS_PORT, default 9090) scraping every app with the alert
                                  rules of observability/prometheus
                    Each part starts embedded unless its address is given: COMMERCE_KAFKA_BOOTSTRAP_SERVERS,
                    COMMERCE_REGISTRY_URL, COMMERCE_POSTGRES_URL, COMMERCE_REDIS_URL, COMMERCE_CONNECT_URL.
                    Embedded ports: COMMERCE_LOCAL_{KAFKA,REGISTRY,POSTGRES,REDIS,CONNECT}_PORT; the apps from
                    COMMERCE_LOCAL_APPS_PORT (default 8091) up.
                    Secrets not given (COMMERCE_AUTH_TOKEN_SECRET, COMMERCE_AUTH_BOOTSTRAP_ADMIN_PASSWORD,
                    COMMERCE_CONNECT_USER/_PASSWORD, COMMERCE_PEER_SECRET) are generated once per run directory into
                    its owner-only credentials.env, reused while the data is kept and made anew by --fresh; under
                    COMMERCE_PROFILE=prod none are generated.""");
            return;
        }
        StackSettings settings;
        int zipkinPort;
        int prometheusPort;
        try {
            ConfigSource environment = ConfigSource.fromEnvironment();
            settings = StackSettings.from(environment, options.contains("--fresh"), !options.contains("--no-apps"), brokers(options));
            zipkinPort = options.contains("--observe") ? environment.get(StackSettings.ZIPKIN_PORT) : 0;
            prometheusPort = options.contains("--observe") ? environment.get(StackSettings.PROMETHEUS_PORT) : 0;
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("commerce-core local stack: starting Kafka (" + settings.brokers() + " broker(s), replication factor "
                + settings.replicationFactor() + "), schema registry, PostgreSQL, Redis, then Kafka Connect"
                + (settings.withApps() ? " and the apps" : "") + " (data in " + settings.runDir() + ")");
        LocalStack stack = new LocalStack(settings).observed(zipkinPort, prometheusPort);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        // the status the JVM ends with once the stack has stopped: a signal's, unless a failed start says 1
        AtomicInteger exitStatus = new AtomicInteger(SIGTERM_STATUS);
        // installed before the start, so Ctrl-C while parts are still coming up stops them too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            System.out.println("stopping the local stack...");
            stack.close();
            System.out.println("local stack stopped");
            System.out.flush();
            stopped.countDown();
            // Every part is stopped by now. Still the JVM did not always exit: once (LocalStackProcessIT), a
            // minute after this line a Debezium task that Connect had given up on while stopping was still
            // retrying against the stopped broker, and some other hook (Connect, in this JVM, installs its
            // own) kept the JVM from ending. Nothing is left for other hooks to do, so the JVM ends here.
            Runtime.getRuntime().halt(exitStatus.get());
        }, "local-stack-stop"));
        try {
            stack.startWith(LocalStack.defaultTopics());
        } catch (RuntimeException e) {
            if (stopRequested.get()) {
                return; // stopped by Ctrl-C while starting: the shutdown hook is finishing the job
            }
            System.err.println("local stack failed to start: " + e.getMessage());
            exitStatus.set(1);
            System.exit(1);
            return;
        }

        System.out.println();
        System.out.print(stack.describe());
        System.out.printf("%nready in %.1f s; schemas registered (global compatibility BACKWARD), topics created.%n",
                stack.startupTime().toMillis() / 1000.0);
        System.out.println("Apps reach it through these variables (export them for an app, not for the stack itself:"
                + " set, they make the next local-stack/run use these parts instead of starting its own):");
        stack.addresses().asEnvironment().forEach((k, v) -> System.out.println("  " + k + "=" + v));
        stack.credentials().file().ifPresent(file -> System.out.println("The secrets not given (token secret, admin"
                + " password, Connect login, peer secret, AMQP password) are in the credentials file; for curl in a shell: . " + file
                + "   for a program it starts (e.g. connectors/connectors): set -a; . " + file + "; set +a"));
        if (options.contains("--demo") && settings.withApps()) {
            runDemo(stack, settings);
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** {@code --brokers N}: 1 or 3; without it, 1. */
    static int brokers(List<String> options) {
        int at = options.indexOf("--brokers");
        if (at < 0) {
            return 1;
        }
        String value = at + 1 < options.size() ? options.get(at + 1) : "";
        if (!value.equals("1") && !value.equals("3")) {
            throw new ConfigException("--brokers takes 1 or 3, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /**
     * The demo logs in as the admin the command API bootstraps, with the password the stack handed it:
     * given, or generated for this run dir (under COMMERCE_PROFILE=prod it must be given, else the
     * dev-only default is refused and the demo does not run).
     */
    private static void runDemo(LocalStack stack, StackSettings settings) {
        try {
            String password = stack.credentials().value(StackCredentials.ADMIN_PASSWORD)
                    .orElseGet(() -> ConfigSource.fromEnvironment().get(PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD));
            new Demo(stack.gatewayUrl().orElseThrow().resolve("/api/v1/"), settings.adminEmail(), password,
                    stack.mailCatcher()::subjectsTo, System.out).run();
        } catch (RuntimeException e) {
            System.out.println("demo failed: " + e.getMessage() + " (the stack keeps running)");
        }
    }
}

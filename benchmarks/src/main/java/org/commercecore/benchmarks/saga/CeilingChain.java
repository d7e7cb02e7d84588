package org.commercecore.benchmarks.saga;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.commercecore.benchmarks.Progress;
import org.commercecore.benchmarks.measure.Tap;
import org.commercecore.benchmarks.stack.BenchStack;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.registry.RegistryClient;
import org.commercecore.platform.topics.SerdeSpec;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.TopicSchemas;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;

/**
 * The ceiling the saga is compared with: the same records (OrderPlaced through the same Avro serde)
 * through K exactly-once pass-through hops on the same broker, with the same partitions and commit
 * interval, doing no work of their own. The saga cannot be faster than its critical path of
 * exactly-once hops; this says how close it comes. The chain runs in a child JVM with the apps'
 * collector and 256 MB of heap per hop (each saga hop runs in an app JVM of 256 MB).
 */
public final class CeilingChain {
    /**
     * Must equal the saga's count of exactly-once hops from OrderPlaced to CONFIRMED, currently 3:
     * orders.events -> inventory's line split -> stock-commands repartition -> inventory's ledger ->
     * inventory.order-events (by order) -> the orders aggregate -> orders.events (OrdersTopology's
     * comment counts them too). {@code --ceiling-hops} overrides it.
     */
    public static final int SAGA_CRITICAL_PATH_HOPS = 3;

    private CeilingChain() {
    }

    static String applicationId(String tag, int hop) {
        return "bench-chain-" + tag + "-" + hop;
    }

    /** The chain's own scratch topics (not domain topics, so not in the Topics registry). */
    static Topic<String, OrderEvent> topic(String tag, int i) {
        return new Topic<>("bench.chain." + tag + "." + i, SerdeSpec.string(), SerdeSpec.avro(OrderEvent.class),
                BenchStack.partitions(), Map.of());
    }

    /** Orders per second through the chain: from the first send to the last record seen at its end. */
    public static double run(BenchStack stack, Progress progress, String tag, int hops, int orders, Path workDir) {
        List<Topic<?, ?>> topics = new ArrayList<>();
        for (int i = 0; i <= hops; i++) {
            topics.add(topic(tag, i));
        }
        for (int i = 1; i <= hops; i++) {
            topics.add(Topics.deadLetter(applicationId(tag, i)));
        }
        TopicSchemas.registerAll(new RegistryClient(stack.registryUrl()), topics);
        new TopicProvisioner(stack.admin(), 1, BenchStack.partitions()).ensure(topics);
        Process chain = start(stack, tag, hops, workDir);
        try {
            awaitReady(chain, workDir.resolve("chain-" + tag + ".log"));
            progress.say("saga", "ceiling chain of %d exactly-once hops running; sending %d records", hops, orders);
            AtomicLong arrived = new AtomicLong();
            AtomicLong lastArrival = new AtomicLong();
            OrderIds ids = OrderIds.random();
            try (Tap end = new Tap(stack.bootstrap(), List.of(topic(tag, hops).name()), (r, at) -> {
                arrived.incrementAndGet();
                lastArrival.set(at);
            }, "chain-end");
                 KafkaProducer<String, OrderEvent> producer = SagaEvents.producer(stack.bootstrap(), stack.serdes(), topic(tag, 0))) {
                long first = System.nanoTime();
                for (int i = 0; i < orders; i++) {
                    String id = ids.id(0, i);
                    producer.send(new ProducerRecord<>(topic(tag, 0).name(), id, SagaEvents.placed(id, OrderMix.plan(tag, i))));
                }
                producer.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(120, orders / 100));
                long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (arrived.get() < orders && System.nanoTime() < deadline && chain.isAlive()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                    if (System.nanoTime() > nextReport) {
                        progress.say("saga", "ceiling chain: %d/%d through", arrived.get(), orders);
                        nextReport += TimeUnit.SECONDS.toNanos(5);
                    }
                }
                if (arrived.get() < orders) {
                    throw new IllegalStateException("the ceiling chain passed only " + arrived.get() + " of " + orders + " records");
                }
                return orders / ((lastArrival.get() - first) / 1e9);
            }
        } finally {
            stop(chain);
        }
    }

    /** The JVM options the chain runs with, for the report. */
    public static List<String> jvmOptions(int hops) {
        List<String> options = new ArrayList<>();
        for (String o : AppProcess.JVM_OPTIONS) {
            options.add(o.startsWith("-Xmx") ? "-Xmx" + 256 * hops + "m" : o);
        }
        return options;
    }

    private static Process start(BenchStack stack, String tag, int hops, Path workDir) {
        try {
            Files.createDirectories(workDir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions(hops));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChainMain.class.getName(), tag, String.valueOf(hops)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(PlatformSettings.KAFKA_BOOTSTRAP_SERVERS.envName(), stack.bootstrap());
            builder.environment().put(PlatformSettings.REGISTRY_URL.envName(), stack.registryUrl().toString());
            builder.environment().put(PlatformSettings.STATE_DIR.envName(), workDir.resolve("chain-state-" + tag).toString());
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the ceiling chain: " + e.getMessage(), e);
        }
    }

    /** Copies the child's output to its log file and returns once it printed READY (or fails if it died). */
    private static void awaitReady(Process chain, Path log) {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(chain.getInputStream(), StandardCharsets.UTF_8));
                 var writer = Files.newBufferedWriter(log)) {
                String line;
                while ((line = out.readLine()) != null) {
                    writer.write(line);
                    writer.newLine();
                    if (line.equals(ChainMain.READY)) {
                        writer.flush();
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the chain stopped
            }
        }, "chain-log");
        copier.setDaemon(true);
        copier.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        try {
            while (!ready.await(200, TimeUnit.MILLISECONDS)) {
                if (!chain.isAlive()) {
                    throw new IllegalStateException("the ceiling chain exited with " + chain.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the ceiling chain was not ready within 150 s; see " + log);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void stop(Process chain) {
        try {
            chain.getOutputStream().close();
            if (!chain.waitFor(60, TimeUnit.SECONDS)) {
                chain.destroy();
                chain.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            chain.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chain.destroy();
        }
    }
}

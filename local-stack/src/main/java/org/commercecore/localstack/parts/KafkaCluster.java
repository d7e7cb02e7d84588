package org.commercecore.localstack.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The stack's Kafka: one KRaft node, or three, each in a JVM of its own ({@link KafkaBroker}). Node
 * {@code i} (from 1) listens on {@code basePort + 2(i-1)} and its controller on the port after.
 * Three nodes replicate every topic three times with {@code min.insync.replicas=2}, internal
 * topics included (consumer offsets, transaction state, and through the broker defaults Streams'
 * changelogs and repartitions and Connect's topics): Kafka's own guidance for exactly-once, and what
 * lets one node die without losing an acknowledged write or stopping a producer.
 */
public final class KafkaCluster implements Part {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<KafkaBroker> brokers;
    private final String bootstrap;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = List.copyOf(brokers);
        this.bootstrap = brokers.stream().map(KafkaBroker::address).collect(Collectors.joining(","));
    }

    /** The replication factor every topic gets on a cluster of {@code nodes}. */
    public static int replicationFactor(int nodes) {
        return Math.min(nodes, 3);
    }

    /** The in-sync replicas an acknowledged write needs: two of three, so one node can be lost. */
    public static int minInSyncReplicas(int nodes) {
        return replicationFactor(nodes) >= 3 ? 2 : 1;
    }

    /**
     * Starts {@code nodes} nodes (1 or 3) on their data under {@code dataDir} and waits until every
     * one has joined; on failure the ones launched are stopped. {@code classpathFile} lists the jars
     * the nodes run from (the local stack's own build output).
     */
    public static KafkaCluster start(int nodes, int basePort, Path dataDir, Path classpathFile) {
        if (nodes != 1 && nodes != 3) {
            throw new IllegalArgumentException("the local stack runs 1 or 3 Kafka brokers, not " + nodes);
        }
        checkLayout(nodes, dataDir);
        String clusterId = existingClusterId(nodes, dataDir).orElseGet(() -> Uuid.randomUuid().toString());
        String voters = IntStream.rangeClosed(1, nodes).mapToObj(i -> i + "@127.0.0.1:" + (port(basePort, i) + 1))
                .collect(Collectors.joining(","));
        List<KafkaBroker> launched = new ArrayList<>();
        try {
            for (int i = 1; i <= nodes; i++) {
                Path nodeDir = nodeDir(nodes, dataDir, i);
                launched.add(KafkaBroker.launch(nodes == 1 ? "kafka" : "kafka-" + i, port(basePort, i),
                        properties(i, nodes, port(basePort, i), voters, nodeDir), nodeDir, clusterId, classpathFile));
            }
            KafkaCluster cluster = new KafkaCluster(launched);
            cluster.awaitNodes(nodes, START_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            new KafkaCluster(launched).close();
            throw e;
        }
    }

    private static int port(int basePort, int node) {
        return basePort + 2 * (node - 1);
    }

    /** One node keeps the layout of the stack's first releases (data in kafka/log), so existing data stays. */
    private static Path nodeDir(int nodes, Path dataDir, int node) {
        return nodes == 1 ? dataDir : dataDir.resolve("node-" + node);
    }

    private static Path metaProperties(Path nodeDir) {
        return nodeDir.resolve("log").resolve("meta.properties");
    }

    /** A run directory holds one cluster: a one-node cluster's data cannot become a three-node one's, or back. */
    private static void checkLayout(int nodes, Path dataDir) {
        boolean single = Files.exists(metaProperties(dataDir));
        boolean three = Files.exists(metaProperties(dataDir.resolve("node-1")));
        if ((nodes == 1 && three) || (nodes == 3 && single)) {
            throw new IllegalStateException("the run directory holds the data of a " + (single ? "1" : "3") + "-broker Kafka;"
                    + " start it with --brokers " + (single ? "1" : "3") + ", or wipe it with --fresh");
        }
    }

    /** A node formatted earlier fixes the cluster id (a node added to existing data must join that cluster). */
    private static Optional<String> existingClusterId(int nodes, Path dataDir) {
        for (int i = 1; i <= nodes; i++) {
            Path meta = metaProperties(nodeDir(nodes, dataDir, i));
            if (Files.exists(meta)) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(meta)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + meta + ": " + e.getMessage(), e);
                }
                return Optional.ofNullable(p.getProperty("cluster.id"));
            }
        }
        return Optional.empty();
    }

    static Properties properties(int node, int nodes, int port, String voters, Path nodeDir) {
        String replicas = String.valueOf(replicationFactor(nodes));
        String minInSync = String.valueOf(minInSyncReplicas(nodes));
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", nodeDir.resolve("log").toString());
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        // every topic created without its own settings: Streams' internal topics, Connect's (both asked for -1)
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInSync);
        props.put("unclean.leader.election.enable", "false");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    /** Waits until {@code expected} nodes are in the cluster; fails at once if one of them exited. */
    public void awaitNodes(int expected, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"))) {
            Waits.until("Kafka at " + bootstrap + " (" + expected + " node(s))", timeout, () -> {
                if (expected == brokers.size()) {
                    brokers.forEach(KafkaBroker::checkAlive);
                }
                return admin.describeCluster().nodes().get().size() == expected;
            });
        }
    }

    public List<KafkaBroker> brokers() {
        return brokers;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return bootstrap;
    }

    /** Every node at once: one by one, the last ones would wait out their grace for a quorum already gone. */
    @Override
    public void close() {
        CompletableFuture.allOf(brokers.stream().map(b -> CompletableFuture.runAsync(b::close)).toArray(CompletableFuture[]::new))
                .join();
    }
}

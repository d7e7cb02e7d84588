package org.commercecore.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates declared topics that do not exist yet, and refuses to run against an existing topic
 * that differs from its declaration: another partition count would send keys to other partitions
 * than co-partitioned topics expect, and another retention could silently drop events that must
 * be kept forever.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(15);

    private final Admin admin;
    private final short replicationFactor;
    private final int scaledPartitions;

    /** {@code scaledPartitions}: the deployment's partition count of scaled topics ({@link Topic#scaled()}). */
    public TopicProvisioner(Admin admin, int replicationFactor, int scaledPartitions) {
        if (scaledPartitions < 1) {
            throw new IllegalArgumentException("scaled topics need at least one partition, not " + scaledPartitions);
        }
        this.admin = admin;
        this.replicationFactor = (short) replicationFactor;
        this.scaledPartitions = scaledPartitions;
    }

    public void ensure(Collection<? extends Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitionsWhenScaledTo(scaledPartitions), replicationFactor).configs(topic.config()));
                }
            }
            create(missing);
            verifyOnceKnown(topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void create(List<NewTopic> missing) throws InterruptedException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get();
                LOG.info("created topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** A topic just created may not be known to every part of the broker yet: retry briefly. */
    private void verifyOnceKnown(Collection<? extends Topic<?, ?>> topics) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                verify(topics);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void verify(Collection<? extends Topic<?, ?>> topics) throws InterruptedException, ExecutionException {
        Map<String, Topic<?, ?>> byName = topics.stream().collect(Collectors.toMap(Topic::name, t -> t, (a, b) -> a));
        Map<String, TopicDescription> described = admin.describeTopics(byName.keySet()).allTopicNames().get();
        for (TopicDescription d : described.values()) {
            int declared = byName.get(d.name()).partitionsWhenScaledTo(scaledPartitions);
            if (d.partitions().size() != declared) {
                throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                        + " partitions but is declared with " + declared);
            }
        }
        List<ConfigResource> resources = byName.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (var entry : configs.entrySet()) {
            Topic<?, ?> topic = byName.get(entry.getKey().name());
            for (var declared : topic.config().entrySet()) {
                ConfigEntry actual = entry.getValue().get(declared.getKey());
                if (actual == null || !declared.getValue().equals(actual.value())) {
                    throw new IllegalStateException("topic " + topic.name() + " has " + declared.getKey() + "="
                            + (actual == null ? "unset" : actual.value()) + " but is declared with " + declared.getValue());
                }
            }
        }
    }
}

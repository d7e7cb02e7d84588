package org.commercecore.benchmarks.query;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.commercecore.platform.topics.Topics;

/**
 * Which query instance owns an order's view: the order's partition of orders.events.v1 (the default
 * partitioner's murmur2 of the key, as Kafka Streams routes the store), and which instance holds that
 * partition's active task, from the consumer group's assignment. A member is matched to its instance
 * by the Streams process id the instance keeps in its state directory (kafka-streams-process-metadata),
 * which prefixes the member's client id. Read once, after the instances settled; -1 when unknown.
 */
final class Ownership {
    private final Map<Integer, Integer> ownerOfPartition;

    private Ownership(Map<Integer, Integer> ownerOfPartition) {
        this.ownerOfPartition = ownerOfPartition;
    }

    static Ownership read(Admin admin, String group, List<Path> stateDirs) {
        Map<Integer, Integer> owners = new HashMap<>();
        try {
            Map<String, Integer> instanceOfProcess = new HashMap<>();
            for (int i = 0; i < stateDirs.size(); i++) {
                int instance = i;
                processId(stateDirs.get(i)).ifPresent(id -> instanceOfProcess.put(id, instance));
            }
            var description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            for (var member : description.members()) {
                Integer instance = instanceOfProcess.entrySet().stream().filter(e -> member.clientId().contains(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (instance == null) {
                    continue;
                }
                member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.ORDER_EVENTS.name()))
                        .forEach(tp -> owners.put(tp.partition(), instance));
            }
        } catch (Exception e) {
            owners.clear();
        }
        return new Ownership(owners);
    }

    private static java.util.Optional<String> processId(Path stateDir) throws java.io.IOException {
        if (!Files.isDirectory(stateDir)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.walk(stateDir, 4)) {
            Path file = files.filter(p -> p.getFileName().toString().equals("kafka-streams-process-metadata")).findFirst().orElse(null);
            if (file == null) {
                return java.util.Optional.empty();
            }
            var m = java.util.regex.Pattern.compile("\"processId\"\\s*:\\s*\"([0-9a-f-]+)\"").matcher(Files.readString(file));
            return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
        }
    }

    boolean known() {
        return !ownerOfPartition.isEmpty();
    }

    /** The index of the instance owning this order's view, or -1 when unknown. */
    int owner(String orderId) {
        int partition = Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % Topics.ORDER_EVENTS.partitions();
        return ownerOfPartition.getOrDefault(partition, -1);
    }
}

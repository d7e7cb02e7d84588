package org.commercecore.benchmarks.saga;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.Topic;

/**
 * The ceiling chain's child JVM: K pass-through Kafka Streams apps, app i reading chain topic i-1 and
 * writing topic i through the OrderEvent Avro serde, each with its own stream thread and the
 * platform's Streams configuration (exactly-once v2, the commit interval and threads from the same
 * COMMERCE_* environment the apps read). Prints READY once all run; stops when stdin closes.
 * Arguments: the chain's tag and K.
 */
public final class ChainMain {
    public static final String READY = "READY";

    private ChainMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String tag = args[0];
        int hops = Integer.parseInt(args[1]);
        ConfigSource source = ConfigSource.fromEnvironment();
        List<StreamsRunner> runners = new ArrayList<>();
        try {
            for (int i = 1; i <= hops; i++) {
                StreamsAppConfig config = StreamsAppConfig.from(source, CeilingChain.applicationId(tag, i));
                AvroSerdes serdes = AvroSerdes.forRegistry(config.registryUrl());
                runners.add(new StreamsRunner(config, passThrough(CeilingChain.topic(tag, i - 1), CeilingChain.topic(tag, i), serdes)).start());
            }
            for (StreamsRunner r : runners) {
                if (!r.awaitRunning(Duration.ofSeconds(120))) {
                    throw new IllegalStateException(r.applicationId() + " did not reach RUNNING within 120 s");
                }
            }
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent closes stdin to stop the chain
            }
        } finally {
            runners.forEach(StreamsRunner::close);
        }
    }

    static <V> Topology passThrough(Topic<String, V> from, Topic<String, V> to, AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(from.name(), from.consumed(serdes)).to(to.name(), to.produced(serdes));
        return builder.build();
    }
}

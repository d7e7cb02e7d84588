package org.commercecore.platform.http;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A service's meter registry, in Prometheus format, with the JVM binders already bound.
 * Kafka clients and Kafka Streams instances are bound by the code that creates them.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Binders that run their own threads and must be closed with the registry. */
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public Metrics(String service) {
        registry.config().commonTags("service", service);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Metrics bind(KafkaStreams streams) {
        return keep(new KafkaStreamsMetrics(streams));
    }

    public Metrics bind(Producer<?, ?> producer) {
        return keep(new KafkaClientMetrics(producer));
    }

    public Metrics bind(Consumer<?, ?> consumer) {
        return keep(new KafkaClientMetrics(consumer));
    }

    private <B extends MeterBinder & AutoCloseable> Metrics keep(B binder) {
        binder.bindTo(registry);
        closeables.add(binder);
        return this;
    }

    /** The scrape body, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing meters must not stop the shutdown
            }
        }
        gc.close();
        registry.close();
    }
}

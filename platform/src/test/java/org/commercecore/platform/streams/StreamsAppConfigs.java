package org.commercecore.platform.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.commercecore.platform.topics.Topics;

/**
 * Test fixture: a {@link StreamsAppConfig} built by name rather than by position, so a test says
 * only what it cares about. The defaults are what a single test instance wants: commits every
 * 100 ms (tests read their output soon), one stream thread, no standbys, replication factor 1 (one
 * broker), HTTP port 0 (any free port). Where the broker, registry and state live has no sensible
 * default, so {@link Builder#build()} insists on them.
 */
public final class StreamsAppConfigs {
    private StreamsAppConfigs() {
    }

    public static Builder forTest(String applicationId) {
        return new Builder(applicationId);
    }

    public static final class Builder {
        private final String applicationId;
        private String bootstrapServers;
        private URI registryUrl;
        private Path stateDir;
        private int streamThreads = 1;
        private int standbyReplicas = 0;
        private int httpPort = 0;

        private Builder(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        }

        public Builder bootstrap(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder registry(URI url) {
            this.registryUrl = url;
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder streamThreads(int threads) {
            this.streamThreads = threads;
            return this;
        }

        public Builder standbyReplicas(int replicas) {
            this.standbyReplicas = replicas;
            return this;
        }

        /** Where a service started with this config serves health and metrics (0: any free port). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public StreamsAppConfig build() {
            return new StreamsAppConfig(applicationId,
                    Objects.requireNonNull(bootstrapServers, "bootstrap servers"),
                    Objects.requireNonNull(registryUrl, "registry URL"),
                    Objects.requireNonNull(stateDir, "state directory"),
                    Duration.ofMillis(100), streamThreads, standbyReplicas, 1, Topics.DOMAIN_PARTITIONS, "127.0.0.1", httpPort,
                    java.util.Optional.empty());
        }
    }
}

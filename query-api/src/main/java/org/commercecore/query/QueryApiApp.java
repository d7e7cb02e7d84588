package org.commercecore.query;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.http.HealthCheck;
import org.commercecore.platform.http.HealthChecks;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.ApiServer;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.service.Service;
import org.commercecore.platform.service.ServiceRunner;
import org.commercecore.platform.streams.ConsumerGroupLag;
import org.commercecore.platform.streams.StreamsRunner;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.TopicProvisioner;
import org.commercecore.platform.topics.Topics;
import org.commercecore.query.http.TopSellersCache;
import org.commercecore.query.lookup.LocalViews;
import org.commercecore.query.lookup.PeerServer;
import org.commercecore.query.lookup.PeerTokens;
import org.commercecore.query.lookup.Peers;
import org.commercecore.query.lookup.ViewRouter;
import org.commercecore.query.views.OrderWatch;
import org.commercecore.query.views.QueryTopology;
import org.commercecore.query.views.SalesListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/** Runs one instance of the query API: its views (Kafka Streams), the gRPC server other instances ask, and the HTTP API. */
public final class QueryApiApp {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiApp.class);
    private static final Duration TOP_SELLERS_TTL = Duration.ofSeconds(10);
    /** Every topic the views read (besides their internal ones): created or checked at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS, Topics.INVENTORY_EVENTS,
            Topics.INVENTORY_ORDER_EVENTS, Topics.STOCK_ADJUSTMENTS, Topics.CDC_PRODUCTS);

    private QueryApiApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        QueryApiConfig config = QueryApiConfig.from(ConfigSource.fromEnvironment());
        ServiceRunner.run("query-api", service -> {
            Running api = start(service, config);
            LOG.info("query-api listening on port {} (gRPC {})", api.port(), api.grpcPort());
        });
    }

    /** A started instance; closing stops it as SIGTERM would: HTTP (requests under way finish), then gRPC, then the views. */
    public record Running(Service service, ApiServer http, PeerServer grpc, StreamsRunner streams) implements AutoCloseable {
        public int port() {
            return http.port();
        }

        public int grpcPort() {
            return grpc.port();
        }

        @Override
        public void close() {
            service.close();
        }
    }

    public static Running start(QueryApiConfig config) {
        return start(config, Duration.ZERO);
    }

    /** With a drain period: on close it stays up that long while answering not-ready (see {@link Service}). */
    public static Running start(QueryApiConfig config, Duration drain) {
        return new Service("query-api", drain).startOrStop(service -> start(service, config));
    }

    /** Starts the instance's parts, each registered with {@code service} for the ordered stop. */
    static Running start(Service service, QueryApiConfig config) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.streams().bootstrapServers()))) {
            new TopicProvisioner(admin, config.streams().replicationFactor(), config.streams().topicPartitions())
                    .ensure(TOPICS);
        }
        OrderWatch watch = new OrderWatch();
        RedisClient redis = service.add(Service.Stage.CLIENTS, "redis client", RedisClient.create(config.redisUrl()));
        TopSellersCache cache = new TopSellersCache(redis, TOP_SELLERS_TTL);
        // off the stream thread: a slow Redis must not hold up the views
        ExecutorService invalidations = Executors.newSingleThreadExecutor(r -> new Thread(r, "top-sellers-invalidation"));
        AutoCloseable stopInvalidating = invalidations::shutdown;
        service.add(Service.Stage.CLIENTS, "top-sellers invalidation", stopInvalidating);
        SalesListener sales = () -> invalidations.execute(() -> {
            try {
                cache.invalidate();
            } catch (RuntimeException e) {
                LOG.warn("could not drop the cached top sellers (they expire within {} s): {}", TOP_SELLERS_TTL.toSeconds(), e.getMessage());
            }
        });
        AtomicReference<LocalViews> views = new AtomicReference<>();
        // signed with a secret of their own: holding the user tokens' secret does not open the peer port
        PeerTokens peerTokens = new PeerTokens(config.peerSecret(), Clock.systemUTC());
        PeerServer grpc = service.add(Service.Stage.PEERS, "grpc peer server", PeerServer.start(config.streams().bindAddress(),
                config.grpcPort(), config.advertisedHost(), peerTokens, views::get));
        HostInfo self = new HostInfo(config.advertisedHost(), grpc.port());
        AvroSerdes serdes = AvroSerdes.forRegistry(config.streams().registryUrl());
        Metrics metrics = service.add(Service.Stage.CLIENTS, "metrics", new Metrics("query-api"));
        StreamsRunner streams = service.add(Service.Stage.STREAMS, "kafka streams", new StreamsRunner(config.streams(),
                QueryTopology.build(serdes, watch, sales), self.host() + ":" + self.port(), metrics.registry()));
        metrics.bind(streams.streams());
        Admin admin = service.add(Service.Stage.CLIENTS, "kafka admin client",
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.streams().bootstrapServers())));
        service.add(Service.Stage.CLIENTS, "consumer lag",
                ConsumerGroupLag.start(admin, config.streams().applicationId(), metrics.registry(), ConsumerGroupLag.INTERVAL));
        LocalViews local = new LocalViews(streams.streams(), watch);
        views.set(local);
        Peers peers = service.add(Service.Stage.CLIENTS, "grpc peer channels", new Peers(peerTokens));
        OpsEndpoints ops = new OpsEndpoints(metrics)
                .liveWhen("streams", HealthChecks.streamsAlive(streams.streams()))
                .readyWhen("service", service.notStopping())
                .readyWhen("streams", () -> new HealthCheck.Result(streams.servesQueries(), streams.state().name()))
                .readyWhen("redis", HealthChecks.answers(() -> "PONG".equals(redis.ping())));
        streams.start();
        AccessTokens tokens = new AccessTokens(config.tokenSecret(), Duration.ofMinutes(15), Clock.systemUTC());
        ApiServer http = service.add(Service.Stage.HTTP, "http api",
                ApiServer.start(QueryApi.create(new ViewRouter(streams.streams(), self, local, peers), tokens, cache, ops),
                        config.streams().bindAddress(), config.httpPort()));
        return new Running(service, http, grpc, streams);
    }
}

package org.commercecore.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.FreePorts;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One of two query instances is restarted (stopped as SIGTERM would, then started again on its
 * ports and state) while a client reads orders through both without a pause. The client balances
 * like a gateway does: it polls each instance's readiness and sends only to ready ones, and fails
 * over when a connection is refused. Every read sent must come back 200: no 5xx, none lost.
 */
@ExtendWith(LocalStackExtension.class)
class QueryInstanceRestartIT {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    /** Signs the instances' calls to each other; not the access tokens' secret. */
    static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    /** Longer than a few readiness polls, so the client has taken the instance out before it stops. */
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final Duration READINESS_POLL = Duration.ofMillis(100);
    private static final int ORDERS = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String customer = UUID.randomUUID().toString();
    private final String token = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.systemUTC())
            .issue(new Caller(customer, Role.CUSTOMER)).token();

    @Test
    void aClientReadingThroughBothInstancesSeesNoErrorWhileOneRestarts(StackAddresses stack) throws Exception {
        Path state = Files.createTempDirectory("query-restart-it");
        QueryApiConfig first = config(stack, state.resolve("first"));
        QueryApiConfig second = config(stack, state.resolve("second"));
        QueryApiApp.Running[] instances = {QueryApiApp.start(first, DRAIN), QueryApiApp.start(second, DRAIN)};
        try {
            for (QueryApiApp.Running instance : instances) {
                assertThat(instance.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
            }
            List<String> ids = placeOrders(stack);
            for (QueryApiApp.Running instance : instances) {
                for (String id : ids) {
                    assertThat(read(instance.port(), "/orders/" + id + "?waitFor=PLACED&timeout=30s").statusCode()).isEqualTo(200);
                }
            }
            try (Reader reader = new Reader(List.of(first.httpPort(), second.httpPort()), ids)) {
                reader.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.servedBy(first.httpPort()) > 20);

                instances[0].close();
                int servedBeforeRestart = reader.servedBy(first.httpPort());
                instances[0] = QueryApiApp.start(first, DRAIN);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> reader.servedBy(first.httpPort()) > servedBeforeRestart + 20);
                // and on, while the group settles, until both instances have served plenty more
                int firstBack = reader.servedBy(first.httpPort());
                int secondBack = reader.servedBy(second.httpPort());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> reader.servedBy(first.httpPort()) > firstBack + 50
                                && reader.servedBy(second.httpPort()) > secondBack + 50);

                reader.stop();
                assertThat(reader.failures).as("reads that did not come back 200").isEmpty();
                assertThat(reader.servedBy(second.httpPort())).as("the other instance went on serving").isPositive();
                assertThat(reader.total()).isGreaterThan(100);
                System.out.printf("restart under reads: %d reads, %d by the restarted instance (%d before its stop),"
                        + " %d refused connections failed over%n", reader.total(), reader.servedBy(first.httpPort()),
                        servedBeforeRestart, reader.refused.get());
            }
        } finally {
            for (QueryApiApp.Running instance : instances) {
                instance.close();
            }
        }
    }

    /** Reads the orders round-robin over the ready instances, from one thread, as fast as answers come. */
    private final class Reader implements AutoCloseable {
        private final List<Integer> ports;
        private final List<String> ids;
        private final Map<Integer, Boolean> ready = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> served = new ConcurrentHashMap<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicInteger refused = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "readiness-poll"));
        private final Thread reads = new Thread(this::read, "reads");

        Reader(List<Integer> ports, List<String> ids) {
            this.ports = ports;
            this.ids = ids;
            ports.forEach(p -> ready.put(p, true));
        }

        void start() {
            poller.scheduleWithFixedDelay(this::pollReadiness, 0, READINESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
            reads.start();
        }

        private void pollReadiness() {
            for (int port : ports) {
                boolean up;
                try {
                    up = QueryInstanceRestartIT.this.read(port, "/health/ready").statusCode() == 200;
                } catch (IOException e) {
                    up = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ready.put(port, up);
            }
            synchronized (ready) {
                ready.notifyAll(); // a reader with no instance in rotation looks again
            }
        }

        private void read() {
            for (int i = 0; running.get(); i++) {
                String id = ids.get(i % ids.size());
                List<Integer> candidates = ports.stream().filter(ready::get).toList();
                if (candidates.isEmpty()) {
                    // no instance in rotation (a gateway would queue or answer 503 itself): wait for the next poll
                    if (!awaitNextPoll()) {
                        return;
                    }
                    continue;
                }
                int port = candidates.get(i % candidates.size());
                try {
                    HttpResponse<String> answer = QueryInstanceRestartIT.this.read(port, "/orders/" + id);
                    if (answer.statusCode() == 200) {
                        served.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failures.add(Instant.now() + " port " + port + ": " + answer.statusCode() + " " + answer.body());
                    }
                } catch (ConnectException notAccepted) {
                    refused.incrementAndGet(); // never reached the server: the next read goes to a ready instance
                    ready.put(port, false);
                } catch (IOException e) {
                    failures.add(Instant.now() + " port " + port + ": lost, " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        int servedBy(int port) {
            AtomicInteger count = served.get(port);
            return count == null ? 0 : count.get();
        }

        int total() {
            return served.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        private boolean awaitNextPoll() {
            synchronized (ready) {
                try {
                    ready.wait(READINESS_POLL.toMillis() * 10);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            reads.join(15_000);
            poller.shutdownNow();
            poller.awaitTermination(15, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private HttpResponse<String> read(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(40)).header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<String> placeOrders(StackAddresses stack) throws Exception {
        AvroSerdes serdes = AvroSerdes.forRegistry(stack.registryUrl());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).serializer())) {
            for (int i = 0; i < ORDERS; i++) {
                String id = UUID.randomUUID().toString();
                Instant now = Instant.now();
                OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customer)
                        .setLines(List.of(new OrderLine(1, "SKU-R", 1, 100L))).setTotalMinor(100L).setCurrency("EUR")
                        .setPlacedAt(now).build();
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), id, OrderEvent.newBuilder()
                        .setEventId(UUID.randomUUID()).setOccurredAt(now).setOrderId(id).setCorrelationId(id)
                        .setCustomerId(customer).setPayload(placed).build())).get();
                ids.add(id);
            }
        }
        return ids;
    }

    /** Fixed ports: a restarted instance comes back where clients and the other instance knew it. */
    private static QueryApiConfig config(StackAddresses stack, Path state) {
        StreamsAppConfig streams = StreamsAppConfigs.forTest(QueryApiConfig.APPLICATION_ID).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(state).standbyReplicas(1).build();
        return new QueryApiConfig(streams, FreePorts.one(), FreePorts.one(), "127.0.0.1", SECRET, PEER_SECRET, stack.redisUrl());
    }
}

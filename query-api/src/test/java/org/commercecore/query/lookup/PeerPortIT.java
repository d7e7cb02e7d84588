package org.commercecore.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.LocalStackExtension;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.commercecore.platform.serde.AvroSerdes;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.platform.topics.Topics;
import org.commercecore.query.QueryApiApp;
import org.commercecore.query.QueryApiConfig;
import org.commercecore.query.views.QueryTopology;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The peer port of a running instance, called from outside as an attacker would: a plain gRPC
 * client with no token, a forged one, one made out to the other instance, one for another
 * question, and a valid one carrying customer B asking for customer A's order; each is refused
 * with its status, while customer A reads his order over HTTP through the other instance. Two
 * instances as in QueryApiIT; orders are only placed, never confirmed, so the top sellers other
 * tests sharing the stack count stay theirs.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerPortIT {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.systemUTC());
    private final PeerTokens peerTokens = new PeerTokens(PEER_SECRET, Clock.systemUTC());
    private final String customerA = UUID.randomUUID().toString();
    private final String customerB = UUID.randomUUID().toString();
    private QueryApiApp.Running a;
    private QueryApiApp.Running b;
    private KafkaProducer<String, OrderEvent> orders;
    private ManagedChannel toA;

    @BeforeAll
    void start(StackAddresses stack) throws Exception {
        Path state = Files.createTempDirectory("peer-port-it");
        a = QueryApiApp.start(config(stack, state.resolve("a")));
        b = QueryApiApp.start(config(stack, state.resolve("b")));
        assertThat(a.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
        assertThat(b.streams().awaitRunning(Duration.ofSeconds(120))).isTrue();
        orders = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(AvroSerdes.forRegistry(stack.registryUrl())).serializer());
        toA = Grpc.newChannelBuilderForAddress("127.0.0.1", a.grpcPort(), InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    void stop() {
        if (toA != null) {
            toA.shutdownNow();
        }
        if (orders != null) {
            orders.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void thePeerPortRefusesEveryCallButASignedOneForTheOrdersOwnCustomer() throws Exception {
        String id = orderOwnedByA();
        HostInfo selfA = new HostInfo("127.0.0.1", a.grpcPort());
        String audienceA = PeerTokens.audience(selfA);
        Lookup lookup = Lookup.order(id);

        HttpResponse<String> own = get(b, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customerA);
        assertThat(own.statusCode()).as("customer A reads his order through B, which asks A over gRPC: %s", own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("customer_id").asText()).isEqualTo(customerA);

        String forged = new PeerTokens("a-forged-peer-secret-that-is-long-enough-0123456789", Clock.systemUTC())
                .issue(Asker.of(new Caller(customerA, Role.CUSTOMER)), audienceA, lookup);
        String forB = peerTokens.issue(Asker.of(new Caller(customerA, Role.CUSTOMER)),
                PeerTokens.audience(new HostInfo("127.0.0.1", b.grpcPort())), lookup);
        String forAnotherQuestion = peerTokens.issue(Asker.of(new Caller(customerA, Role.CUSTOMER)), audienceA, Lookup.order("o-other"));
        String userToken = tokens.issue(new Caller(customerA, Role.CUSTOMER)).token();
        String customerBsToken = peerTokens.issue(Asker.of(new Caller(customerB, Role.CUSTOMER)), audienceA, lookup);
        String anonymous = peerTokens.issue(Asker.ANONYMOUS, audienceA, lookup);

        assertThat(refusal(lookup, null)).as("no token").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusal(lookup, forged)).as("signed with another secret").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusal(lookup, forB)).as("made out to instance B").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusal(lookup, forAnotherQuestion)).as("for another lookup").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusal(lookup, userToken)).as("a user's access token").isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusal(lookup, customerBsToken)).as("valid, for customer B").isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refusal(lookup, anonymous)).as("valid, anonymous").isEqualTo(Status.Code.PERMISSION_DENIED);
        Lookup customerAsOrders = Lookup.customerOrders(customerA);
        assertThat(refusal(customerAsOrders, peerTokens.issue(Asker.of(new Caller(customerB, Role.CUSTOMER)), audienceA, customerAsOrders)))
                .as("customer A's list, for customer B").isEqualTo(Status.Code.PERMISSION_DENIED);

        Lookup.Answer signed = call(lookup, peerTokens.issue(Asker.of(new Caller(customerA, Role.CUSTOMER)), audienceA, lookup));
        assertThat(JSON.readTree(signed.json()).path("order_id").asText())
                .as("the same client with a valid token for customer A is answered: the refusals are the tokens'").isEqualTo(id);
    }

    @Test
    void overHttpAnotherCustomersOrderIsAMissWhereverItLives() throws Exception {
        String id = orderOwnedByA();
        assertThat(get(a, "/orders/" + id + "?waitFor=PLACED&timeout=20s", customerA).statusCode()).isEqualTo(200);
        String missing = UUID.randomUUID().toString();

        for (QueryApiApp.Running via : List.of(a, b)) { // A answers from its own store, B asks A over gRPC
            HttpResponse<String> theirs = get(via, "/orders/" + id, customerB);
            HttpResponse<String> none = get(via, "/orders/" + missing, customerB);
            assertThat(theirs.statusCode()).isEqualTo(404);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(theirs.body().replace(id, "ID")).as("answered as a missing order").isEqualTo(none.body().replace(missing, "ID"));
            assertThat(theirs.headers().firstValue("X-Served-By")).isEqualTo(none.headers().firstValue("X-Served-By"));
            assertThat(get(via, "/orders/" + id + "/timeline", customerB).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> admin = send(b, "/orders/" + id, tokens.issue(new Caller("someone", Role.ADMIN)).token());
        assertThat(admin.statusCode()).as("an admin may, also through the peer").isEqualTo(200);
    }

    /** Places customer A's orders until one lands on a partition instance A owns. */
    private String orderOwnedByA() throws Exception {
        while (true) {
            String id = place(customerA);
            HostInfo owner = await().atMost(Duration.ofSeconds(30)).until(() -> a.streams().streams()
                    .queryMetadataForKey(QueryTopology.ORDERS_STORE, id, Serdes.String().serializer()).activeHost(),
                    h -> h != null && h.port() > 0);
            if (owner.port() == a.grpcPort()) {
                return id;
            }
        }
    }

    private String place(String customer) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        OrderPlaced placed = OrderPlaced.newBuilder().setCustomerId(customer).setLines(List.of(new OrderLine(1, "SKU-PEER", 1, 100L)))
                .setTotalMinor(100L).setCurrency("EUR").setPlacedAt(now).build();
        orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), id, OrderEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(now).setOrderId(id).setCorrelationId(id).setCustomerId(customer).setPayload(placed).build())).get();
        return id;
    }

    private Lookup.Answer call(Lookup lookup, String token) throws Exception {
        return unary(lookup, token).get(20, TimeUnit.SECONDS);
    }

    /** The status a raw call to A's peer port is refused with; it must carry no description. */
    private Status.Code refusal(Lookup lookup, String token) throws Exception {
        try {
            Lookup.Answer answer = call(lookup, token);
            throw new AssertionError("answered: " + answer);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StatusRuntimeException.class);
            Status status = ((StatusRuntimeException) e.getCause()).getStatus();
            assertThat(status.getDescription()).as("the refusal says nothing more").isNull();
            return status.getCode();
        }
    }

    private com.google.common.util.concurrent.ListenableFuture<Lookup.Answer> unary(Lookup lookup, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return ClientCalls.futureUnaryCall(ClientInterceptors.intercept(toA, MetadataUtils.newAttachHeadersInterceptor(headers))
                .newCall(PeerProtocol.LOOKUP, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS)), lookup);
    }

    private HttpResponse<String> get(QueryApiApp.Running instance, String path, String customer) throws Exception {
        return send(instance, path, tokens.issue(new Caller(customer, Role.CUSTOMER)).token());
    }

    private HttpResponse<String> send(QueryApiApp.Running instance, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(40)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static QueryApiConfig config(StackAddresses stack, Path state) {
        StreamsAppConfig streams = StreamsAppConfigs.forTest(QueryApiConfig.APPLICATION_ID).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(state).standbyReplicas(1).build();
        return new QueryApiConfig(streams, 0, 0, "127.0.0.1", SECRET, PEER_SECRET, stack.redisUrl());
    }
}

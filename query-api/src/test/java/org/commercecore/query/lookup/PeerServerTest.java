package org.commercecore.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer port on loopback, over stores held in a map: who gets an answer, and what everyone else gets. */
class PeerServerTest {
    private static final String SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    private static final Asker ALICE = Asker.of(new Caller("alice", Role.CUSTOMER));
    private static final Asker BOB = Asker.of(new Caller("bob", Role.CUSTOMER));
    private static final Lookup ALICES_ORDER = Lookup.order("o-1");
    private static final Map<String, String> STORED = Map.of(
            "o-1", "{\"order_id\":\"o-1\",\"customer_id\":\"alice\"}",
            "SKU-1", "{\"sku\":\"SKU-1\"}");

    private final PeerTokens tokens = new PeerTokens(SECRET, Clock.systemUTC());
    private PeerServer server;
    private ManagedChannel channel;
    private String self;

    @BeforeEach
    void start() {
        // the same rule as LocalViews, over a map instead of Kafka Streams' stores
        LocalAnswers views = (asker, lookup) -> ViewAccess.guard(asker, lookup,
                l -> CompletableFuture.completedFuture(new Lookup.Answer(STORED.get(l.key()), "active", 0, false)));
        server = PeerServer.serve("127.0.0.1", 0, "127.0.0.1", tokens, () -> views);
        self = PeerTokens.audience(new HostInfo("127.0.0.1", server.port()));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    @Test
    void theOwnerAnswersAValidTokenForItsOwnOrder() {
        assertThat(call(ALICES_ORDER, "Bearer " + tokens.issue(ALICE, self, ALICES_ORDER)).json()).contains("\"customer_id\":\"alice\"");
        Lookup product = Lookup.product("SKU-1");
        assertThat(call(product, "Bearer " + tokens.issue(Asker.ANONYMOUS, self, product)).found()).as("a public view, anonymously").isTrue();
    }

    @Test
    void aCallWithoutAValidTokenIsUnauthenticatedAndToldNothingMore() {
        String forged = new PeerTokens("another-peer-secret-that-is-long-enough-0123456789", Clock.systemUTC())
                .issue(ALICE, self, ALICES_ORDER);
        String elsewhere = tokens.issue(ALICE, PeerTokens.audience(new HostInfo("127.0.0.1", server.port() + 1)), ALICES_ORDER);
        String otherQuestion = tokens.issue(ALICE, self, Lookup.order("o-2"));

        for (String authorization : new String[] {null, "Bearer ", "Basic " + tokens.issue(ALICE, self, ALICES_ORDER),
                "Bearer " + forged, "Bearer " + elsewhere, "Bearer " + otherQuestion}) {
            assertThat(refusal(ALICES_ORDER, authorization)).as("%s", authorization).isEqualTo(Status.UNAUTHENTICATED);
        }
    }

    @Test
    void anotherCustomersOrAnAnonymousTokenForAPrivateViewIsDenied() {
        assertThat(refusal(ALICES_ORDER, "Bearer " + tokens.issue(BOB, self, ALICES_ORDER))).isEqualTo(Status.PERMISSION_DENIED);
        assertThat(refusal(ALICES_ORDER, "Bearer " + tokens.issue(Asker.ANONYMOUS, self, ALICES_ORDER)))
                .isEqualTo(Status.PERMISSION_DENIED);
        Lookup alicesOrders = Lookup.customerOrders("alice");
        assertThat(refusal(alicesOrders, "Bearer " + tokens.issue(BOB, self, alicesOrders))).isEqualTo(Status.PERMISSION_DENIED);
    }

    @Test
    void peersSignEachCallForTheInstanceTheyAskAndReportARefusalAsOne() {
        try (Peers peers = new Peers(tokens)) {
            HostInfo owner = new HostInfo("127.0.0.1", server.port());
            assertThat(peers.lookup(owner, ALICE, ALICES_ORDER, 5_000).join().found()).isTrue();
            assertThatThrownBy(() -> peers.lookup(owner, BOB, ALICES_ORDER, 5_000).join())
                    .hasCauseInstanceOf(ViewAccessDeniedException.class);
        }
    }

    private Lookup.Answer call(Lookup lookup, String authorization) {
        try {
            return unary(lookup, authorization).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call failed: " + e, e);
        }
    }

    /** The status the call was refused with, with its description (there must be none). */
    private Status refusal(Lookup lookup, String authorization) {
        try {
            Lookup.Answer answer = unary(lookup, authorization).get(10, TimeUnit.SECONDS);
            throw new AssertionError("answered: " + answer);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StatusRuntimeException.class);
            Status status = ((StatusRuntimeException) e.getCause()).getStatus();
            assertThat(status.getDescription()).as("no detail").isNull();
            return status;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private com.google.common.util.concurrent.ListenableFuture<Lookup.Answer> unary(Lookup lookup, String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(PeerProtocol.AUTHORIZATION, authorization);
        }
        return ClientCalls.futureUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers))
                .newCall(PeerProtocol.LOOKUP, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), lookup);
    }
}

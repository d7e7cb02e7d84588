package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.commercecore.platform.auth.Caller;
import org.commercecore.query.lookup.Asker;
import org.commercecore.query.lookup.Lookup;
import org.commercecore.query.lookup.PeerProtocol;
import org.commercecore.query.lookup.PeerTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization matrix over the peer protocol: every query operation's lookup, sent straight
 * to each instance's gRPC port with a valid peer token for each role, is answered or refused as
 * the operation's {@code x-access} says, so going around the HTTP layer gains nothing. The
 * operations come from the query API's OpenAPI document; each must say which lookup it makes,
 * or that it makes none.
 */
@ExtendWith(ApisExtension.class)
class PeerMatrixIT {

    @TestFactory
    List<DynamicTest> everyLookupIsAnsweredOnlyToWhoMaySeeIt(Apis apis) {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : ApiOperation.of(ApiOperation.Api.QUERY)) {
            Lookup lookup = lookupOf(operation, apis.actors());
            if (lookup != null) {
                tests.add(DynamicTest.dynamicTest(operation + " as a lookup on every peer port (" + operation.access() + ")",
                        () -> check(apis, operation, lookup)));
            }
        }
        assertThat(tests).as("the query operations make lookups").isNotEmpty();
        return tests;
    }

    /** The lookup an operation makes, or null for those answered without one (operations endpoints, documents). */
    private static Lookup lookupOf(ApiOperation operation, Actors actors) {
        return switch (operation.name()) {
            case "GET /orders/{id}", "GET /orders/{id}/timeline" -> Lookup.order(actors.orderOfA());
            case "GET /users/me/orders" -> Lookup.customerOrders(actors.userId(Role.CUSTOMER_A));
            case "GET /products/{sku}" -> Lookup.product(Actors.SKU);
            case "GET /products/top" -> Lookup.topSellers(60);
            case "GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.yaml", "GET /openapi.json" -> null;
            default -> throw new AssertionError(operation + ": say in " + PeerMatrixIT.class.getSimpleName()
                    + " which lookup it makes (or that it makes none)");
        };
    }

    /**
     * Each role asks every instance (the one holding the key and the one that does not). A role the
     * operation admits gets the view from some instance; any other role gets it from none, and is
     * told PERMISSION_DENIED by at least one (the holder); without a token every instance says UNAUTHENTICATED.
     */
    private static void check(Apis apis, ApiOperation operation, Lookup lookup) {
        PeerTokens tokens = new PeerTokens(Apis.PEER_SECRET, Clock.systemUTC());
        for (Role role : Role.values()) {
            boolean mayRead = switch (operation.access()) {
                case PUBLIC -> true;
                case SELF, OWNER -> role == Role.CUSTOMER_A || role == Role.ADMIN; // every lookup here is of A's
                case ADMIN -> role == Role.ADMIN;
            };
            List<Outcome> outcomes = new ArrayList<>();
            for (int port : apis.peerPorts()) {
                String audience = PeerTokens.audience(new HostInfo("127.0.0.1", port));
                outcomes.add(call(port, lookup, tokens.issue(asker(apis.actors(), role), audience, lookup)));
                assertThat(call(port, lookup, null).status()).as("%s on %d without a token", operation, port).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            if (mayRead) {
                assertThat(outcomes).as("%s as %s: some instance answers with the view", operation, role).anyMatch(Outcome::found);
            } else {
                assertThat(outcomes).as("%s as %s: no instance shows the view", operation, role).noneMatch(Outcome::found);
                assertThat(outcomes).as("%s as %s: the holder refuses", operation, role)
                        .anyMatch(o -> o.status() == Status.Code.PERMISSION_DENIED);
            }
        }
    }

    record Outcome(Status.Code status, boolean found) {
    }

    private static Asker asker(Actors actors, Role role) {
        return switch (role) {
            case ANONYMOUS -> Asker.ANONYMOUS;
            case CUSTOMER_A, CUSTOMER_B -> Asker.of(new Caller(actors.userId(role), org.commercecore.platform.auth.Role.CUSTOMER));
            case ADMIN -> Asker.of(new Caller(actors.userId(role), org.commercecore.platform.auth.Role.ADMIN));
        };
    }

    private static Outcome call(int port, Lookup lookup, String token) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        try {
            Lookup.Answer answer = ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    PeerProtocol.LOOKUP, CallOptions.DEFAULT.withDeadlineAfter(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS), lookup);
            return new Outcome(Status.Code.OK, answer.found());
        } catch (StatusRuntimeException e) {
            return new Outcome(e.getStatus().getCode(), false);
        } finally {
            channel.shutdownNow();
        }
    }
}

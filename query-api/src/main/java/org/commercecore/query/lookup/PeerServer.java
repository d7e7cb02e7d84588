package org.commercecore.query.lookup;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/** Serves this instance's stores to the other instances over gRPC, to callers proving they are one. */
public final class PeerServer implements AutoCloseable {
    private final Server server;

    private PeerServer(Server server) {
        this.server = server;
    }

    /**
     * Binds now (so the port can be advertised to Kafka Streams); answers once the views exist, and
     * only calls carrying a peer token made out to {@code advertisedHost:<bound port>} ({@link PeerAuthentication}).
     */
    public static PeerServer start(String bindAddress, int port, String advertisedHost, PeerTokens tokens,
                                   Supplier<LocalViews> views) {
        return serve(bindAddress, port, advertisedHost, tokens, views);
    }

    static PeerServer serve(String bindAddress, int port, String advertisedHost, PeerTokens tokens,
                            Supplier<? extends LocalAnswers> views) {
        ServerServiceDefinition service = ServerServiceDefinition.builder(PeerProtocol.SERVICE)
                .addMethod(PeerProtocol.LOOKUP, ServerCalls.asyncUnaryCall((lookup, reply) -> {
                    Asker asker = PeerAuthentication.ASKER.get();
                    LocalAnswers local = views.get();
                    if (asker == null) { // not through the interceptor: never answered
                        reply.onError(Status.UNAUTHENTICATED.asRuntimeException());
                        return;
                    }
                    if (local == null) {
                        reply.onError(Status.UNAVAILABLE.withDescription("views not started yet").asRuntimeException());
                        return;
                    }
                    try {
                        local.answer(asker, lookup).whenComplete((answer, error) -> {
                            if (error != null) {
                                reply.onError(status(error).asRuntimeException());
                            } else {
                                reply.onNext(answer);
                                reply.onCompleted();
                            }
                        });
                    } catch (RuntimeException e) {
                        reply.onError(status(e).asRuntimeException());
                    }
                }))
                .build();
        AtomicReference<String> audience = new AtomicReference<>();
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port), InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(service, new PeerAuthentication(tokens, audience::get)))
                    .build().start();
            audience.set(PeerTokens.audience(new HostInfo(advertisedHost, server.getPort())));
            return new PeerServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gRPC server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * A store that is restoring or has moved is UNAVAILABLE: the caller tries a standby. A view the
     * asker may not see is PERMISSION_DENIED, with no description.
     */
    private static Status status(Throwable error) {
        Throwable cause = error.getCause() != null && !(error instanceof InvalidStateStoreException) ? error.getCause() : error;
        if (cause instanceof ViewAccessDeniedException) {
            return Status.PERMISSION_DENIED;
        }
        return cause instanceof InvalidStateStoreException ? Status.UNAVAILABLE.withDescription(cause.getMessage())
                : Status.INTERNAL.withDescription(String.valueOf(cause.getMessage()));
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}

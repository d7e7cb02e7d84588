package org.commercecore.query.lookup;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Serves this instance's stores to the other instances over gRPC. */
public final class PeerServer implements AutoCloseable {
    private final Server server;

    private PeerServer(Server server) {
        this.server = server;
    }

    /** Binds now (so the port can be advertised to Kafka Streams); answers once the views exist. */
    public static PeerServer start(String bindAddress, int port, Supplier<LocalViews> views) {
        ServerServiceDefinition service = ServerServiceDefinition.builder(PeerProtocol.SERVICE)
                .addMethod(PeerProtocol.LOOKUP, ServerCalls.asyncUnaryCall((lookup, reply) -> {
                    LocalViews local = views.get();
                    if (local == null) {
                        reply.onError(Status.UNAVAILABLE.withDescription("views not started yet").asRuntimeException());
                        return;
                    }
                    try {
                        local.answer(lookup).whenComplete((answer, error) -> {
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
        try {
            return new PeerServer(NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port), InsecureServerCredentials.create())
                    .addService(service).build().start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gRPC server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** A store that is restoring or has moved is UNAVAILABLE: the caller tries a standby. */
    private static Status status(Throwable error) {
        Throwable cause = error.getCause() != null && !(error instanceof InvalidStateStoreException) ? error.getCause() : error;
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

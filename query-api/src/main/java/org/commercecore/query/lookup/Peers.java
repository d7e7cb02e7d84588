package org.commercecore.query.lookup;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;

/**
 * gRPC clients of the other instances, one channel each, every call with a deadline and a peer
 * token made out to the instance called, for that lookup and its asker ({@link PeerTokens}).
 */
public final class Peers implements AutoCloseable {
    private final Map<HostInfo, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final PeerTokens tokens;

    public Peers(PeerTokens tokens) {
        this.tokens = tokens;
    }

    /** The owner's answer; fails with {@link ViewAccessDeniedException} when it refuses the asker. */
    public CompletableFuture<Lookup.Answer> lookup(HostInfo host, Asker asker, Lookup lookup, long deadlineMillis) {
        ManagedChannel channel = channels.computeIfAbsent(host,
                h -> Grpc.newChannelBuilderForAddress(h.host(), h.port(), InsecureChannelCredentials.create()).build());
        Metadata headers = new Metadata();
        headers.put(PeerProtocol.AUTHORIZATION, PeerProtocol.BEARER + tokens.issue(asker, PeerTokens.audience(host), lookup));
        CompletableFuture<Lookup.Answer> answer = new CompletableFuture<>();
        var future = ClientCalls.futureUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers))
                .newCall(PeerProtocol.LOOKUP, CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)), lookup);
        future.addListener(() -> {
            try {
                answer.complete(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                answer.completeExceptionally(e.getCause() instanceof StatusRuntimeException s
                        && s.getStatus().getCode() == Status.Code.PERMISSION_DENIED ? new ViewAccessDeniedException() : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.completeExceptionally(e);
            }
        }, Runnable::run);
        return answer;
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}

package org.commercecore.query.lookup;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;

/** gRPC clients of the other instances, one channel each, every call with a deadline. */
public final class Peers implements AutoCloseable {
    private final Map<HostInfo, ManagedChannel> channels = new ConcurrentHashMap<>();

    public CompletableFuture<Lookup.Answer> lookup(HostInfo host, Lookup lookup, long deadlineMillis) {
        ManagedChannel channel = channels.computeIfAbsent(host,
                h -> Grpc.newChannelBuilderForAddress(h.host(), h.port(), InsecureChannelCredentials.create()).build());
        CompletableFuture<Lookup.Answer> answer = new CompletableFuture<>();
        var future = ClientCalls.futureUnaryCall(
                channel.newCall(PeerProtocol.LOOKUP, CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)), lookup);
        future.addListener(() -> {
            try {
                answer.complete(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                answer.completeExceptionally(e.getCause());
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

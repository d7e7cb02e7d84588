package org.commercecore.query.lookup;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets through only lookups carrying a valid peer token ({@link PeerTokens}) made out to this
 * instance for exactly that lookup, and hands the asker it names to the handler ({@link #ASKER}).
 * Anything else is closed UNAUTHENTICATED with no description: a caller learns nothing of why.
 */
final class PeerAuthentication implements ServerInterceptor {
    /** The asker the verified token names, for the handler of the call. */
    static final Context.Key<Asker> ASKER = Context.key("commerce.peer.asker");

    private final PeerTokens tokens;
    private final Supplier<String> audience;

    /** @param audience this instance's name in the cluster metadata; null while not yet known (every call is refused) */
    PeerAuthentication(PeerTokens tokens, Supplier<String> audience) {
        this.tokens = tokens;
        this.audience = audience;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Optional<PeerTokens.Claims> claims = claims(headers.get(PeerProtocol.AUTHORIZATION));
        if (claims.isEmpty()) {
            return refuse(call);
        }
        ServerCall.Listener<Q> handler = Contexts.interceptCall(Context.current().withValue(ASKER, claims.get().asker()),
                call, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(handler) {
            private boolean refused;

            /** The token is for one lookup: the one in this call, or the call is refused before it is answered. */
            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (!(message instanceof Lookup lookup) || !claims.get().isFor(lookup)) {
                    refused = true;
                    call.close(Status.UNAUTHENTICATED, new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) { // the handler would answer a call already closed
                    super.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                if (!refused) {
                    super.onReady();
                }
            }
        };
    }

    private Optional<PeerTokens.Claims> claims(String authorization) {
        String self = audience.get();
        if (self == null || authorization == null
                || !authorization.regionMatches(true, 0, PeerProtocol.BEARER, 0, PeerProtocol.BEARER.length())) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(PeerProtocol.BEARER.length()).trim(), self);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call) {
        call.close(Status.UNAUTHENTICATED, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}

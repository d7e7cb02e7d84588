package org.commercecore.query.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one gRPC method instances call on each other: {@code commerce.query.Views/Lookup}, a
 * {@link Lookup} in, a {@link Lookup.Answer} out. Messages are JSON (a marshaller of our own)
 * rather than protobuf: the answers are the API's JSON already, and there is no code to generate.
 * Every call carries a peer token in its {@link #AUTHORIZATION} header ({@link PeerTokens}).
 */
public final class PeerProtocol {
    static final String SERVICE = "commerce.query.Views";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code authorization: Bearer <peer token>}, on every call. */
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String BEARER = "Bearer ";

    public static final MethodDescriptor<Lookup, Lookup.Answer> LOOKUP = MethodDescriptor.<Lookup, Lookup.Answer>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Lookup"))
            .setRequestMarshaller(json(Lookup.class))
            .setResponseMarshaller(json(Lookup.Answer.class))
            .build();

    private PeerProtocol() {
    }

    /** A lookup as it travels: what a peer token's digest is taken over, by the sender and (after parsing) the owner. */
    static byte[] bytes(Lookup lookup) {
        return write(lookup);
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> MethodDescriptor.Marshaller<T> json(Class<T> type) {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(T value) {
                return new ByteArrayInputStream(write(value));
            }

            @Override
            public T parse(InputStream stream) {
                try {
                    return JSON.readValue(stream, type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}

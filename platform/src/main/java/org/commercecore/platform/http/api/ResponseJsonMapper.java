package org.commercecore.platform.http.api;

import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.stream.Stream;

/**
 * Javalin's JSON mapper for the APIs: it writes responses and refuses to read. Request bodies are
 * read by {@link JsonBody} only; {@code ctx.bodyAsClass} would decode bad bytes to U+FFFD and skip
 * the Content-Type, so a route using it fails at once instead of quietly accepting more.
 */
final class ResponseJsonMapper implements JsonMapper {
    private final JavalinJackson jackson = new JavalinJackson(ApiJson.mapper(), false);

    @Override
    public String toJsonString(Object obj, Type type) {
        return jackson.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return jackson.toJsonStream(obj, type);
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        jackson.writeToOutputStream(stream, outputStream);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        throw refused();
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        throw refused();
    }

    private static IllegalStateException refused() {
        return new IllegalStateException("request bodies are read with JsonBody.read(ctx, type), not ctx.bodyAsClass");
    }
}

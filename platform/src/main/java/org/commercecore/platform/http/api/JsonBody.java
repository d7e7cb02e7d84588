package org.commercecore.platform.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;

/**
 * The one way routes read a request body: {@code application/json}, strict UTF-8, exactly one
 * JSON object, no byte order mark, no value of the wrong type converted, no NUL, other control
 * character (but tab, line feed, carriage return) or unpaired surrogate in any string.
 * Anything else is answered with a problem naming the field: 415 for another media type, 400 for
 * the rest. Domain rules (required fields, lengths, ranges) stay with the domain's
 * {@link Validation}.
 *
 * <p>A reader rather than a strict Javalin {@code JsonMapper}: a mapper sees the body only after
 * {@code ctx.body()} has decoded it leniently (bad bytes already U+FFFD) and never sees the
 * Content-Type, so neither could be checked there. {@link ApiServer} gives Javalin a mapper that
 * writes responses but refuses to read, so {@code ctx.bodyAsClass} cannot bypass this class.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = ApiJson.requests();

    private JsonBody() {
    }

    /** The body as {@code type}; an empty body is a 400. */
    public static <T> T read(Context ctx, Class<T> type) {
        return readIfPresent(ctx, type).orElseThrow(() -> ProblemException.invalid(JsonPath.BODY, "is required: a JSON object"));
    }

    /** The body as {@code type}, or empty when there is none (no bytes, or only whitespace), for routes where it is optional. */
    public static <T> Optional<T> readIfPresent(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes(); // within the server's request size limit, or a 413
        if (blank(bytes)) {
            return Optional.empty();
        }
        if (!JsonContentType.accepts(ctx.header("Content-Type"))) {
            if (ctx.method() == HandlerType.PATCH) {
                ctx.header("Accept-Patch", JsonContentType.ACCEPTED); // RFC 5789: a 415 to a PATCH says what it takes
            }
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "request bodies must be sent as Content-Type: " + JsonContentType.ACCEPTED + " (charset utf-8, if one is given)"));
        }
        byteOrderMark(bytes).ifPresent(bom -> {
            throw new ProblemException(Problem.unreadable("the body starts with a " + bom + " byte order mark;"
                    + " send UTF-8 without one (RFC 8259, section 8.1)", List.of()));
        });
        StrictUtf8.Decoded decoded = StrictUtf8.decode(bytes);
        if (decoded instanceof StrictUtf8.Malformed malformed) {
            throw notUtf8(malformed);
        }
        String text = ((StrictUtf8.Text) decoded).text();
        BodyScan.check(JSON.getFactory(), text);
        return Optional.of(BodyBinding.bind(JSON, text, type));
    }

    private static ProblemException notUtf8(StrictUtf8.Malformed malformed) {
        String what = "is not valid UTF-8";
        List<Problem.FieldError> errors = BodyScan.stringEndingIn(JSON.getFactory(), malformed.validPrefix())
                .map(field -> List.of(new Problem.FieldError(field, what))).orElse(List.of());
        return new ProblemException(Problem.unreadable("the body " + what + " (at byte " + malformed.byteOffset() + ")", errors));
    }

    /**
     * RFC 8259 forbids a sender to add a byte order mark. A UTF-8 one would otherwise be decoded
     * as U+FEFF before the object; a UTF-16 one means the body is not UTF-8 at all, which the
     * client is better told in so many words than as a bad byte at offset 0.
     */
    private static Optional<String> byteOrderMark(byte[] bytes) {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            return Optional.of("UTF-8");
        }
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            return Optional.of("UTF-16");
        }
        return Optional.empty();
    }

    /** Only JSON's whitespace: space, tab, line feed, carriage return. */
    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

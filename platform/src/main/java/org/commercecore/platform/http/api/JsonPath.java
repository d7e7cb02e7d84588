package org.commercecore.platform.http.api;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Where in a body something is, written as the client wrote it: {@code lines[0].quantity}; the body itself is {@code body}. */
final class JsonPath {
    static final String BODY = "body";

    private JsonPath() {
    }

    /** The value or name a streaming parser is at. */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + name(c.getCurrentName()));
            }
        }
        return joined(parts);
    }

    /** Where binding failed, as Jackson's references record it (their names are the JSON names, already snake_case). */
    static String of(List<JsonMappingException.Reference> references) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                parts.add("." + name(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return joined(parts);
    }

    private static String joined(Deque<String> parts) {
        String path = String.join("", parts);
        return path.isEmpty() ? BODY : path.startsWith(".") ? path.substring(1) : path;
    }

    /** A client's field name as it can be shown back: control characters and surrogates written as {@code \\uXXXX}. */
    private static String name(String raw) {
        StringBuilder shown = new StringBuilder(raw.length());
        raw.chars().forEach(c -> shown.append(c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return shown.toString();
    }
}

package org.commercecore.platform.http.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first read of a body, before anything is bound: one well-formed JSON object and nothing
 * after it, each name once in its object, and no text the stores would mangle or refuse. It walks
 * every token, so each string, names included, is checked once whatever type it will be bound
 * to, and the fault is reported at its path.
 */
final class BodyScan {
    private BodyScan() {
    }

    /** Throws the 400 problem for the first fault found. */
    static void check(JsonFactory json, String text) {
        try (JsonParser parser = json.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw ProblemException.invalid(JsonPath.BODY, first == null ? "is required: a JSON object"
                        : "must be a JSON object, not " + JsonTypes.found(first));
            }
            walkObject(parser, text);
            Optional<JsonLocation> more = more(parser);
            if (more.isPresent()) {
                throw new ProblemException(Problem.unreadable("the body must hold one JSON object and nothing after it;"
                        + " more follows at " + where(more.get()), List.of()));
            }
        } catch (JsonProcessingException e) {
            throw notJson(e, text, List.of()); // between tokens: the parser's context would name the previous field
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source has no I/O to fail
        }
    }

    /**
     * The field whose string value {@code prefix} ends inside of, if it does: the text before a
     * body's first bad byte tells where that byte is.
     */
    static Optional<String> stringEndingIn(JsonFactory json, String prefix) {
        try (JsonParser parser = json.createParser(prefix)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    try {
                        parser.getText(); // the parser reads a string only when asked for it
                    } catch (JsonProcessingException unfinished) {
                        return Optional.of(JsonPath.of(parser.getParsingContext()));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the prefix ends elsewhere: in a name, or between tokens
        }
    }

    private static void walkObject(JsonParser parser, String text) throws IOException {
        Deque<Set<String>> names = new ArrayDeque<>();
        names.push(new HashSet<>());
        while (!names.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return; // cannot happen: the parser reports an unfinished object itself
            }
            switch (token) {
                case START_OBJECT -> names.push(new HashSet<>());
                case END_OBJECT -> names.pop();
                case FIELD_NAME -> {
                    checkText(parser.currentName(), parser);
                    if (!names.peek().add(parser.currentName())) {
                        throw ProblemException.invalid(JsonPath.of(parser.getParsingContext()), "is given more than once");
                    }
                }
                case VALUE_STRING -> checkText(string(parser, text), parser);
                default -> {
                }
            }
        }
    }

    /** The string the parser is at; it reads a string only when asked for it, so a fault inside one is found here, at its field. */
    private static String string(JsonParser parser, String text) throws IOException {
        try {
            return parser.getText();
        } catch (JsonProcessingException e) {
            String field = JsonPath.of(parser.getParsingContext());
            throw notJson(e, text, List.of(field));
        }
    }

    /**
     * U+0000 ends a string in PostgreSQL and C; the other C0 controls and DEL have no place in an
     * API's text (they reach logs, terminals, CSV exports and e-mails, where they rewrite what is
     * shown), so only tab, line feed and carriage return are kept. JSON itself refuses them raw,
     * but lets them through escaped (backslash, u, four hex digits), so each string is checked
     * once decoded, names included. An unpaired surrogate is not text in any encoding.
     */
    private static void checkText(String value, JsonParser parser) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String fault = null;
            if (c == 0) {
                fault = "contains U+0000 (NUL), which is not accepted";
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                fault = String.format("contains the control character U+%04X, which is not accepted"
                        + " (of the controls, only tab, line feed and carriage return are)", (int) c);
            } else if (Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                fault = String.format("contains an unpaired surrogate (\\u%04X), which is not text", (int) c);
            }
            if (fault != null) {
                throw ProblemException.invalid(JsonPath.of(parser.getParsingContext()), fault);
            }
        }
    }

    /** Where something follows the object, if anything does. */
    private static Optional<JsonLocation> more(JsonParser parser) {
        try {
            return parser.nextToken() == null ? Optional.empty() : Optional.of(parser.currentTokenLocation());
        } catch (JsonProcessingException e) {
            return Optional.ofNullable(e.getLocation()); // not JSON, but after the object all the same
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException notJson(JsonProcessingException e, String text, List<String> field) {
        JsonLocation at = e.getLocation();
        String what;
        if (e instanceof JsonEOFException) {
            what = "ends before its JSON is complete";
        } else if (nulAt(text, at)) {
            what = "contains U+0000 (NUL), which is not accepted";
        } else {
            what = "is not valid JSON at " + where(at);
        }
        return new ProblemException(Problem.unreadable("the body " + what,
                field.stream().map(f -> new Problem.FieldError(f, what)).toList()));
    }

    /** Whether the parser stopped at a raw NUL (its offset is of the character or just past it). */
    private static boolean nulAt(String text, JsonLocation at) {
        long offset = at == null ? -1 : at.getCharOffset();
        return offset >= 0 && offset < text.length() && text.charAt((int) offset) == 0
                || offset > 0 && offset <= text.length() && text.charAt((int) offset - 1) == 0;
    }

    private static String where(JsonLocation at) {
        return at == null ? "an unknown place" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}

package org.commercecore.platform.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The second read of a body, once {@link BodyScan} has found it well-formed: binding it to the
 * route's record. Each failure becomes a 400 naming the field and the JSON type it takes, in
 * words of our own; Jackson's messages name Java classes and its tokens, so none is passed on.
 */
final class BodyBinding {
    private BodyBinding() {
    }

    static <T> T bind(ObjectMapper json, String text, Class<T> type) {
        try (JsonParser parser = json.createParser(text)) {
            try {
                return json.readerFor(type).readValue(parser);
            } catch (InvalidDefinitionException e) {
                throw new IllegalStateException("cannot bind request bodies to " + type.getName(), e); // our fault, not the client's
            } catch (JsonMappingException e) {
                throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError(JsonPath.of(e.getPath()), message(e, parser)))));
            }
        } catch (IOException e) {
            // the scan found the text well-formed, so this is a limit of the parser (a number too long, say)
            throw new ProblemException(Problem.unreadable("the body cannot be read as JSON", List.of()));
        }
    }

    private static String message(JsonMappingException e, JsonParser parser) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field (known: " + unknown.getKnownPropertyIds().stream().map(Objects::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (e.getCause() instanceof InputCoercionException range) {
            return "must be " + JsonTypes.expected(range.getTargetType()) + JsonTypes.range(range.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            // the parser stopped at the value that did not fit
            return "must be " + JsonTypes.expected(mismatch.getTargetType()) + ", not " + JsonTypes.found(parser.currentToken());
        }
        return "has the wrong type or format";
    }
}

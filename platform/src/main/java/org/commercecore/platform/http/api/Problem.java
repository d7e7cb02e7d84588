package org.commercecore.platform.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}); validation problems list each
 * field and what is wrong with it, so a client can show it next to the field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPES = "https://commerce-core.dev/problems/";

    /** One field's problem; {@code field} is a JSON path into the request, e.g. {@code lines[1].quantity}. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-request", "The request is not valid", 400,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are not valid",
                null, List.copyOf(errors));
    }

    /** The body is not one JSON object in UTF-8; {@code errors} names the field the fault is in, when it is inside one. */
    public static Problem unreadable(String detail, List<FieldError> errors) {
        return new Problem(TYPES + "unreadable-body", "The body is not valid JSON", 400, detail, null, List.copyOf(errors));
    }

    public static Problem unprocessable(List<FieldError> errors) {
        return new Problem(TYPES + "unprocessable", "The request cannot be carried out", 422,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields cannot be used",
                null, List.copyOf(errors));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}

package org.commercecore.platform.http.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of a request body before answering, so a client learns of all its
 * mistakes at once: {@code 400} with one entry per field.
 */
public final class Validation {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Validation require(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new Problem.FieldError(field, message));
        }
        return this;
    }

    /** Present and not blank; returns whether it was, so dependent checks can be skipped. */
    public boolean present(Object value, String field) {
        boolean ok = value != null && !(value instanceof String s && s.isBlank());
        require(ok, field, "is required");
        return ok;
    }

    public Validation matches(String value, Pattern pattern, String field, String message) {
        return require(value == null || pattern.matcher(value).matches(), field, message);
    }

    public Validation length(String value, int min, int max, String field) {
        return require(value == null || (value.length() >= min && value.length() <= max), field,
                "must be " + min + " to " + max + " characters long");
    }

    public Validation range(Long value, long min, long max, String field) {
        return require(value == null || (value >= min && value <= max), field, "must be between " + min + " and " + max);
    }

    /** Throws the 400 problem if anything was wrong. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }
}

package org.commercecore.platform.http.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Thrown by a domain call or a handler to answer with a problem document; the server renders it. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** How long the client should wait before trying again, sent as {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@code Retry-After} in whole seconds, rounded up, and at least 1: a client told 0 would try again at once. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    /** 429: the client has used up a limit; {@code retryAfter} is when the limit lets it try again (rounded up to seconds). */
    public static ProblemException tooManyRequests(String slug, String title, String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(429, slug, title, detail), retryAfter);
    }

    /** 503: a part this request needs is not answering; the client may try again after {@code retryAfter}. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail), retryAfter);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(Problem.unprocessable(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Authentication required", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Not allowed", detail));
    }
}

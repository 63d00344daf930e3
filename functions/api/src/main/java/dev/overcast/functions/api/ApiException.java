package dev.overcast.functions.api;

import dev.overcast.core.spec.Violation;
import java.util.List;

/** A request the API refuses, with the problem to answer. */
public final class ApiException extends RuntimeException {
    private final transient Problem problem;

    private ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    private static ApiException of(String slug, String title, int status, String detail, List<Violation> violations) {
        return new ApiException(new Problem("urn:overcast:problem:" + slug, title, status, detail, null, violations));
    }

    public static ApiException invalid(String detail, List<Violation> violations) {
        return of("invalid-request", "The request breaks rules", 400, detail, violations);
    }

    public static ApiException invalid(Violation violation) {
        return invalid("the request breaks a rule: " + violation.field() + " [" + violation.rule() + "]", List.of(violation));
    }

    public static ApiException unauthorized(String detail) {
        return of("unauthorized", "Not authenticated", 401, detail, null);
    }

    public static ApiException notFound(String detail) {
        return of("not-found", "Not found", 404, detail, null);
    }

    public static ApiException methodNotAllowed(String detail) {
        return of("method-not-allowed", "Method not allowed", 405, detail, null);
    }

    public static ApiException conflict(String detail) {
        return of("conflict", "Conflict", 409, detail, null);
    }

    public static ApiException inProgress(String detail) {
        return of("in-progress", "Still being answered", 409, detail, null);
    }

    public static ApiException tooLarge(String detail) {
        return of("too-large", "Body too large", 413, detail, null);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return of("unsupported-media-type", "Unsupported media type", 415, detail, null);
    }

    public static ApiException keyReused(String detail) {
        return of("idempotency-key-reused", "Idempotency-Key reused", 422, detail, null);
    }

    public static ApiException internal(String detail) {
        return of("internal", "Internal error", 500, detail, null);
    }
}

package dev.overcast.cloudsim.gcp;

import java.util.List;

/**
 * Compute Engine's error reasons (as in {@code error.errors[].reason}) and their HTTP statuses. A world
 * {@link dev.overcast.cloudsim.world.CloudError} thrown with one of these codes is answered in Compute's
 * JSON error document.
 */
final class ComputeErrors {

    static final String NOT_FOUND = "notFound";
    static final String ALREADY_EXISTS = "alreadyExists";
    static final String INVALID = "invalid";
    static final String REQUIRED = "required";
    static final String RESOURCE_IN_USE = "resourceInUseByAnotherResource";
    static final String RESOURCE_NOT_READY = "resourceNotReady";
    static final String RATE_LIMIT = "rateLimitExceeded";
    static final String QUOTA = "quotaExceeded";
    static final String FORBIDDEN = "forbidden";
    static final String BACKEND = "backendError";
    static final String INTERNAL = "internalError";

    /** What injected random faults answer with: throttling and server errors, as the real service does. */
    static final List<String> RETRYABLE = List.of(RATE_LIMIT, BACKEND, INTERNAL);

    private ComputeErrors() {
    }

    static int status(String reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case RATE_LIMIT, QUOTA, FORBIDDEN -> 403;
            case BACKEND -> 503;
            case INTERNAL -> 500;
            default -> 400;
        };
    }

    /** The upper-case code an operation's {@code error.errors[].code} carries for a reason. */
    static String operationCode(String reason) {
        return switch (reason) {
            case RESOURCE_IN_USE -> "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE";
            case QUOTA -> "QUOTA_EXCEEDED";
            case NOT_FOUND -> "RESOURCE_NOT_FOUND";
            case ALREADY_EXISTS -> "ALREADY_EXISTS";
            case RESOURCE_NOT_READY -> "RESOURCE_NOT_READY";
            default -> reason.toUpperCase(java.util.Locale.ROOT);
        };
    }
}

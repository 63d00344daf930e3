package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
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
    static final String BAD_REQUEST = "badRequest";
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

    /**
     * A member the resource's schema does not have. Compute's JSON front refuses it before the request reaches
     * the service, naming the member and the request message's field (proto spelling, e.g. {@code network_resource}):
     * {@code Invalid JSON payload received. Unknown name "labels" at 'network_resource': Cannot find field.}
     */
    static CloudError unknownField(Collection collection, String path) {
        String resource = collection.kind().substring("compute#".length()).replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        int dot = path.lastIndexOf('.');
        String at = resource + "_resource" + (dot < 0 ? "" : "." + path.substring(0, dot));
        return new CloudError(BAD_REQUEST, "Invalid JSON payload received. Unknown name \"" + path.substring(dot + 1)
                + "\" at '" + at + "': Cannot find field.");
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

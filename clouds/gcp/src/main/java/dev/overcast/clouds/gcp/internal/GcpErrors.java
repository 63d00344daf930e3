package dev.overcast.clouds.gcp.internal;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.Operation;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns what Compute says into the SPI's two classes, keeping Compute's reason and message. Compute
 * answers some failures at once (an HTTP error document) and others in the operation a call returns
 * ({@code error.errors[].code}, {@code httpErrorStatusCode}); both land here.
 */
public final class GcpErrors {

    public static final String NOT_FOUND = "notFound";
    public static final String ALREADY_EXISTS = "alreadyExists";

    /** Reasons that say "not now": throttling, or dependents still going away. */
    private static final Set<String> NOT_NOW = Set.of(
            "rateLimitExceeded", "userRateLimitExceeded", "resourceInUseByAnotherResource", "resourceNotReady",
            "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE", "RESOURCE_NOT_READY", "backendError", "internalError");

    private GcpErrors() {
    }

    /**
     * A failed call. 404 stays retryable: every resource Overcast references is its own, so a missing one
     * is one not visible yet (or not created yet), never bad input.
     */
    public static CloudException classify(String operation, ApiException failure) {
        int status = failure.getStatusCode().getCode().getHttpStatusCode();
        String reason = reason(failure);
        String message = message(failure);
        if (reason == null) {
            // No answer from Compute (connection refused, timeout): the call may not have arrived.
            return new RetryableCloudException(Cloud.GCP, operation, failure.getStatusCode().getCode().name(), message, failure);
        }
        boolean retryable = status == 429 || status >= 500 || status == 404 || NOT_NOW.contains(reason);
        return retryable
                ? new RetryableCloudException(Cloud.GCP, operation, reason, message, failure)
                : new TerminalCloudException(Cloud.GCP, operation, reason, message, failure);
    }

    /** An operation that ended in an error (a delete refused because the resource is in use, a quota). */
    public static CloudException fromOperation(String operation, Operation op) {
        String code = op.getError().getErrorsCount() == 0 ? "OPERATION_FAILED" : op.getError().getErrors(0).getCode();
        String message = op.getError().getErrorsCount() == 0 ? op.getHttpErrorMessage() : op.getError().getErrors(0).getMessage();
        boolean retryable = op.getHttpErrorStatusCode() >= 500 || op.getHttpErrorStatusCode() == 429 || NOT_NOW.contains(code);
        return retryable
                ? new RetryableCloudException(Cloud.GCP, operation, code, message, null)
                : new TerminalCloudException(Cloud.GCP, operation, code, message, null);
    }

    /** Runs one Compute call; its failure becomes a classified {@link CloudException}. */
    public static <T> T call(String operation, Supplier<T> computeCall) {
        try {
            return computeCall.get();
        } catch (ApiException failure) {
            throw classify(operation, failure);
        }
    }

    /** Runs one call that starts an operation; an operation already failed (Compute checked at once) is thrown. */
    public static Operation start(String operation, Supplier<Operation> computeCall) {
        Operation op = call(operation, computeCall);
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            throw fromOperation(operation, op);
        }
        return op;
    }

    /**
     * Starts an insert under {@code requestId}; "already exists" is success (an earlier attempt got through).
     * An insert answered with an operation that is already {@code DONE} was answered from Compute's memory of
     * the request id: the caller saw the resource missing, so what that old insert made was deleted since,
     * and the insert is repeated under a fresh id.
     */
    public static Optional<Operation> inserting(String operation, String requestId, Function<String, Operation> insert) {
        try {
            Operation op = start(operation, () -> insert.apply(requestId));
            if (op.getStatus() == Operation.Status.DONE) {
                op = start(operation, () -> insert.apply(UUID.randomUUID().toString()));
            }
            return Optional.of(op);
        } catch (CloudException e) {
            if (!ALREADY_EXISTS.equals(e.code())) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Starts a delete; "not found" is success (it is gone already). */
    public static Optional<Operation> removing(String operation, Supplier<Operation> computeCall) {
        try {
            return Optional.of(start(operation, computeCall));
        } catch (CloudException e) {
            if (!NOT_FOUND.equals(e.code())) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The first {@code error.errors[].reason} of Compute's error document, or null when there was no answer. */
    private static String reason(ApiException failure) {
        JsonElement errors = document(failure, "errors");
        if (errors != null && errors.isJsonArray() && !errors.getAsJsonArray().isEmpty()) {
            JsonElement reason = errors.getAsJsonArray().get(0).getAsJsonObject().get("reason");
            if (reason != null) {
                return reason.getAsString();
            }
        }
        return failure.getCause() instanceof HttpResponseException http ? "http" + http.getStatusCode() : null;
    }

    private static String message(ApiException failure) {
        JsonElement message = document(failure, "message");
        return message != null ? message.getAsString() : failure.getMessage();
    }

    private static JsonElement document(ApiException failure, String field) {
        if (!(failure.getCause() instanceof HttpResponseException http) || http.getContent() == null) {
            return null;
        }
        try {
            JsonElement root = JsonParser.parseString(http.getContent());
            JsonElement error = root.isJsonObject() ? root.getAsJsonObject().get("error") : null;
            if (error != null && error.isJsonObject()) {
                return error.getAsJsonObject().get(field);
            }
        } catch (JsonSyntaxException | IllegalStateException e) {
            return null;
        }
        return null;
    }
}

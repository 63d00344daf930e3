package dev.overcast.clouds.azure.internal;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns what ARM says into the SPI's two classes, keeping ARM's code and message and its
 * {@code Retry-After}. The SDK has already retried throttling and 5xx a bounded number of times by
 * the time an exception reaches here; what is retryable now is for the flow to retry later.
 */
public final class AzureErrors {

    /** 4xx codes that say "not now": a dependency still settling, or still in use by something being deleted. */
    private static final Set<String> NOT_NOW = Set.of(
            "ResourceGroupNotFound",
            "ReferencedResourceNotProvisioned",
            "AnotherOperationInProgress",
            "InvalidResourceReference",
            "RetryableError",
            "Conflict");

    private AzureErrors() {
    }

    public static CloudException classify(String operation, RuntimeException failure) {
        if (!(failure instanceof HttpResponseException http) || http.getResponse() == null) {
            // No answer from ARM at all (connection refused, timeout): the call may not have arrived.
            return new RetryableCloudException(Cloud.AZURE, operation, "ClientError", failure.getMessage(), failure);
        }
        int status = http.getResponse().getStatusCode();
        String code = code(http);
        String message = failure instanceof ManagementException management && management.getValue() != null
                ? management.getValue().getMessage() : http.getMessage();
        boolean retryable = status == 429 || status >= 500 || NOT_NOW.contains(code) || inUse(code);
        return retryable
                ? new RetryableCloudException(Cloud.AZURE, operation, code, message, retryAfter(http), failure)
                : new TerminalCloudException(Cloud.AZURE, operation, code, message, failure);
    }

    /** Runs one ARM call; its failure becomes a classified {@link CloudException}. */
    public static <T> T call(String operation, Supplier<T> armCall) {
        try {
            return armCall.get();
        } catch (RuntimeException failure) {
            throw classify(operation, fromArm(failure));
        }
    }

    /** A list call in the cluster's resource group: a group that does not exist yet holds nothing. */
    public static <T> List<T> listing(String operation, Supplier<List<T>> armCall) {
        try {
            return armCall.get();
        } catch (RuntimeException failure) {
            if (fromArm(failure) instanceof HttpResponseException http && http.getResponse() != null
                    && "ResourceGroupNotFound".equals(code(http))) {
                return List.of();
            }
            throw classify(operation, failure);
        }
    }

    /** Runs a delete for which "already gone" is success. */
    public static void removing(String operation, Runnable armCall) {
        try {
            armCall.run();
        } catch (RuntimeException failure) {
            if (!(fromArm(failure) instanceof HttpResponseException http && http.getResponse() != null
                    && http.getResponse().getStatusCode() == 404)) {
                throw classify(operation, failure);
            }
        }
    }

    /**
     * The failure itself when it came from talking to ARM: ARM's errors, or a transport that got no whole
     * answer (a dropped connection reaches us as Reactor's {@code ReactiveException} around an
     * {@link IOException}, not as {@link UncheckedIOException}). Anything else is a bug and is rethrown.
     */
    private static RuntimeException fromArm(RuntimeException failure) {
        if (failure instanceof AzureException || failure instanceof UncheckedIOException) {
            return failure;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return failure;
            }
        }
        throw failure;
    }

    /** {@code InUseSubnetCannotBeDeleted}, {@code PublicIPAddressInUse}, {@code NicInUse}…: dependents are still going away. */
    private static boolean inUse(String code) {
        return code.contains("InUse");
    }

    private static String code(HttpResponseException http) {
        if (http instanceof ManagementException management && management.getValue() != null && management.getValue().getCode() != null) {
            return management.getValue().getCode();
        }
        return "Http" + http.getResponse().getStatusCode();
    }

    private static Duration retryAfter(HttpResponseException http) {
        String header = http.getResponse().getHeaderValue("Retry-After");
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            // ARM sends seconds; an HTTP date is rare enough to fall back on the flow's own back-off.
            return null;
        }
    }
}

package dev.overcast.core.cloud.exceptions;

import dev.overcast.core.Cloud;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed cloud call, classified so that callers (the state machines' Retry rules, the reconcile
 * loop) decide by class, never by parsing messages. The cloud's own error code and message are kept.
 */
public abstract class CloudException extends RuntimeException {
    private final Cloud cloud;
    private final String operation;
    private final String code;
    private final Duration retryAfter;

    protected CloudException(Cloud cloud, String operation, String code, String message, Duration retryAfter, Throwable cause) {
        super(describe(cloud, operation, code, message), cause);
        this.cloud = cloud;
        this.operation = operation;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    private static String describe(Cloud cloud, String operation, String code, String message) {
        return "%s %s failed: %s: %s".formatted(cloud, operation, code, message);
    }

    public abstract boolean retryable();

    public Cloud cloud() {
        return cloud;
    }

    public String operation() {
        return operation;
    }

    /** The cloud's own error code, e.g. {@code RequestLimitExceeded}, {@code rateLimitExceeded}, {@code InUseSubnetCannotBeDeleted}. */
    public String code() {
        return code;
    }

    /** How long the cloud asked us to wait, when it said (Azure's and GCP's Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

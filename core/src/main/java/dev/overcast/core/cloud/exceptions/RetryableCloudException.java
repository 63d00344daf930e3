package dev.overcast.core.cloud.exceptions;

import dev.overcast.core.Cloud;
import java.time.Duration;

/** Throttling, a 5xx, or eventual consistency (a resource not visible yet right after its create): try again later. */
public class RetryableCloudException extends CloudException {

    public RetryableCloudException(Cloud cloud, String operation, String code, String message, Duration retryAfter, Throwable cause) {
        super(cloud, operation, code, message, retryAfter, cause);
    }

    public RetryableCloudException(Cloud cloud, String operation, String code, String message, Throwable cause) {
        this(cloud, operation, code, message, null, cause);
    }

    @Override
    public final boolean retryable() {
        return true;
    }
}

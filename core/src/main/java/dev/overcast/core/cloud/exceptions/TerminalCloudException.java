package dev.overcast.core.cloud.exceptions;

import dev.overcast.core.Cloud;

/** A bad request, a quota, a permission: retrying the same call cannot succeed. */
public class TerminalCloudException extends CloudException {

    public TerminalCloudException(Cloud cloud, String operation, String code, String message, Throwable cause) {
        super(cloud, operation, code, message, null, cause);
    }

    @Override
    public final boolean retryable() {
        return false;
    }
}

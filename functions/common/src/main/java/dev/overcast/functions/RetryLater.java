package dev.overcast.functions;

/**
 * The step could not finish now but may next time (a throttled or unavailable cloud, a lost
 * optimistic race). The machines Retry it with back-off.
 */
public class RetryLater extends RuntimeException {
    public RetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}

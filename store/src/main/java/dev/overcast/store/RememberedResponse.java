package dev.overcast.store;

/**
 * The answer given to the first request that carried an {@code Idempotency-Key}, or the mark that
 * this request is still being answered ({@link #inProgress(String)}).
 *
 * @param request  a fingerprint of that request (method, path, query, body digest), to refuse a key reused for another request
 * @param status   the HTTP status answered; {@value #IN_PROGRESS} while the first request is still being answered
 * @param location the {@code Location} header answered, or null
 * @param body     the body answered
 */
public record RememberedResponse(String request, int status, String location, String body) {
    public static final int IN_PROGRESS = 0;

    /** The mark a request leaves on its key before it does the work. */
    public static RememberedResponse inProgress(String request) {
        return new RememberedResponse(request, IN_PROGRESS, null, null);
    }

    public boolean isInProgress() {
        return status == IN_PROGRESS;
    }
}

package dev.overcast.store;

/**
 * The answer given to the first request that carried an {@code Idempotency-Key}.
 *
 * @param request  a fingerprint of that request (method, path, body digest), to refuse a key reused for another request
 * @param status   the HTTP status answered
 * @param location the {@code Location} header answered, or null
 * @param body     the body answered
 */
public record RememberedResponse(String request, int status, String location, String body) {
}

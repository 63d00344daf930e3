package dev.overcast.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The API refused a request (status ≥ 400, {@code problem} its body) or could not be reached (status 0). */
final class ApiError extends RuntimeException {
    private final int status;
    private final transient JsonNode problem;

    ApiError(int status, JsonNode problem, String message) {
        super(message, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    JsonNode problem() {
        return problem;
    }
}

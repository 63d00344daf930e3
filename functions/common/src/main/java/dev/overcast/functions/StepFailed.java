package dev.overcast.functions;

/** A cloud refused terminally (bad request, quota, permission): the flow records it and fails. */
public class StepFailed extends RuntimeException {
    public StepFailed(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.overcast.runtime.demo;

/** A step of the demo did not end as the story says it must; the demo stops and exits non-zero. */
public final class DemoDiverged extends RuntimeException {
    public DemoDiverged(String message) {
        super(message);
    }

    public DemoDiverged(String message, Throwable cause) {
        super(message, cause);
    }
}

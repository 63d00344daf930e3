package dev.overcast.functions;

/**
 * A step's input breaks a rule (a missing field, masters changed after creation). Terminal: the
 * machines Catch it by this class's name, as Lambda reports the exception class as the error type.
 */
public class RequestRefused extends RuntimeException {
    public RequestRefused(String message) {
        super(message);
    }
}

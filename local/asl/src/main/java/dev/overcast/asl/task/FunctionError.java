package dev.overcast.asl.task;

/** A function's own failure, as Lambda reports it: an error type (e.g. the exception class) and a message. */
public class FunctionError extends RuntimeException {
    private final String errorType;

    public FunctionError(String errorType, String errorMessage) {
        super(errorMessage);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return getMessage();
    }
}

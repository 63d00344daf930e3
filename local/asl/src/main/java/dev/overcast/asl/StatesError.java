package dev.overcast.asl;

/**
 * A failure inside an execution, named as AWS names it. {@code error} and {@code cause} may be null
 * (a Fail state without Error/Cause). A <em>state-located</em> error is one the interpreter raises
 * itself (a path that matches nothing, a bad Wait value); AWS prefixes its cause with the state's
 * name and the id of its StateEntered event.
 */
public class StatesError extends RuntimeException {
    private final String error;
    private final String cause;
    private final boolean located;

    public StatesError(String error, String cause) {
        this(error, cause, false);
    }

    private StatesError(String error, String cause, boolean located) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.located = located;
    }

    /** An error the interpreter detects while running a state; its cause will name the state. */
    public static StatesError located(String error, String detail) {
        return new StatesError(error, detail, true);
    }

    public static StatesError runtime(String detail) {
        return located(ErrorNames.RUNTIME, detail);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** Adds the state to the cause the way AWS words it, once. */
    StatesError inState(String state, long enteredEventId) {
        if (!located) {
            return this;
        }
        return new StatesError(error, "An error occurred while executing the state '" + state
                + "' (entered at the event id #" + enteredEventId + "). " + cause, false);
    }
}

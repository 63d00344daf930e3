package dev.overcast.core.cloud.exceptions;

/**
 * A resource this one depends on does not exist, is not ready, or has not published the output
 * needed yet. Always retryable: the flows poll until the dependency settles.
 */
public class DependencyNotReadyException extends RuntimeException {
    private final String dependency;

    public DependencyNotReadyException(String dependency, Object stateOrOutput) {
        super(stateOrOutput == null
                ? "dependency " + dependency + " does not exist yet"
                : "dependency " + dependency + " is not ready: " + stateOrOutput);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}

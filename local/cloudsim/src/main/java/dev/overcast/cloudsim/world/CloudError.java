package dev.overcast.cloudsim.world;

/**
 * A failure the world answers with, named by the cloud's own error code; each front maps codes to its
 * HTTP status and error document.
 */
public final class CloudError extends RuntimeException {

    public static final String DEPENDENCY_VIOLATION = "DependencyViolation";

    private final String code;

    public CloudError(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package dev.overcast.clouds.gcp;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the adapter reaches Compute Engine. The endpoint is plain configuration (an emulator, a private
 * service connect endpoint); no code asks whether it is running locally.
 *
 * @param project     the project every resource lives in
 * @param credentials who to act as
 * @param endpoint    where to send Compute calls instead of the public endpoint, e.g. {@code http://127.0.0.1:4568}
 * @param maxAttempts attempts per call for transient failures (503, deadline), the first one included
 */
public record GcpConfig(String project, GcpCredentials credentials, Optional<URI> endpoint, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    private static final Pattern PROJECT = Pattern.compile("[a-z][-a-z0-9]{4,28}[a-z0-9]");

    public GcpConfig {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("project must be a project id (6 to 30 lowercase letters, digits or '-', "
                    + "starting with a letter), was " + (project == null ? "missing" : "'" + project + "'"));
        }
        Objects.requireNonNull(credentials, "credentials");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        endpoint.ifPresent(GcpConfig::requireHttp);
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be within 1..10, was " + maxAttempts);
        }
    }

    public static GcpConfig of(String project, GcpCredentials credentials) {
        return new GcpConfig(project, credentials, Optional.empty(), DEFAULT_MAX_ATTEMPTS);
    }

    public GcpConfig withEndpoint(URI uri) {
        return new GcpConfig(project, credentials, Optional.of(uri), maxAttempts);
    }

    public GcpConfig withMaxAttempts(int attempts) {
        return new GcpConfig(project, credentials, endpoint, attempts);
    }

    private static void requireHttp(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URI with a host, was '" + uri + "'");
        }
    }
}

package dev.overcast.clouds.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the adapter reaches EC2. The endpoint override is plain configuration (an emulator, a VPC
 * endpoint); no code asks whether it is running locally.
 *
 * @param credentials who to act as
 * @param endpoint    where to send EC2 (and STS) calls instead of the regional endpoint
 * @param stsRegion   the region whose STS endpoint issues assumed-role sessions
 * @param maxAttempts attempts per call in the SDK's adaptive retry mode, the first one included
 */
public record AwsConfig(AwsCredentials credentials, Optional<URI> endpoint, String stsRegion, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final String DEFAULT_STS_REGION = "us-east-1";

    public AwsConfig {
        Objects.requireNonNull(credentials, "credentials");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        endpoint.ifPresent(AwsConfig::requireHttp);
        if (stsRegion == null || stsRegion.isBlank()) {
            throw new IllegalArgumentException("stsRegion must not be blank");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be within 1..10, was " + maxAttempts);
        }
    }

    public static AwsConfig of(AwsCredentials credentials) {
        return new AwsConfig(credentials, Optional.empty(), DEFAULT_STS_REGION, DEFAULT_MAX_ATTEMPTS);
    }

    public AwsConfig withEndpoint(URI uri) {
        return new AwsConfig(credentials, Optional.of(uri), stsRegion, maxAttempts);
    }

    public AwsConfig withMaxAttempts(int attempts) {
        return new AwsConfig(credentials, endpoint, stsRegion, attempts);
    }

    private static void requireHttp(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URI with a host, was '" + uri + "'");
        }
    }
}

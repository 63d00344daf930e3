package dev.overcast.clouds.gcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Compute {@code requestId}s derived from the cluster and the Compute resource, so an insert retried after
 * a crash (when nobody remembers a random id) is recognised by Compute instead of repeated. Compute answers
 * a known id with the operation it started, however old; {@link GcpErrors#inserting} tells that case apart
 * from a fresh insert (a resource deleted since and created again).
 */
public final class RequestIds {

    private RequestIds() {
    }

    /** A name-based (version 3) UUID: Compute's requestId must be a UUID. */
    public static String insert(String clusterId, String computeName) {
        return UUID.nameUUIDFromBytes((clusterId + "/" + computeName + "/insert").getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package dev.overcast.clouds.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * EC2 idempotency tokens derived from the cluster and the resource name, so a create retried after a
 * crash (when nobody remembers a random token) is recognised by EC2 instead of duplicated.
 */
public final class ClientTokens {

    private ClientTokens() {
    }

    /** 64 hex characters: exactly EC2's limit, whatever the length of the names. */
    public static String of(String clusterId, String resourceName) {
        return sha256(clusterId + "/" + resourceName);
    }

    /** The token for the next incarnation of a resource whose earlier one, created under {@code token}, is gone. */
    public static String next(String token) {
        return sha256("next/" + token);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

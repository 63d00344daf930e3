package dev.overcast.clouds.gcp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compute names for the parts of a planned resource. Plan names fit 63 characters, but a part's name
 * adds to them ({@code <tunnel>-1}, its router interface {@code <tunnel>-1-if}, its BGP peer
 * {@code <tunnel>-1-peer}), so with a 40-character cluster name they can run over Compute's limit. Such
 * a name keeps its first 54 characters and ends in 8 hex digits of its SHA-256: still deterministic (a
 * retried create finds the same part) and distinct per full name.
 */
public final class ComputeNames {
    static final int MAX_LENGTH = 63;
    private static final int HASH_DIGITS = 8;

    private ComputeNames() {
    }

    /** The name unchanged when it fits, else its 54-character prefix, a dash and 8 hex digits of its hash. */
    public static String fit(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String prefix = name.substring(0, MAX_LENGTH - HASH_DIGITS - 1);
        return prefix + "-" + HexFormat.of().formatHex(sha256(name)).substring(0, HASH_DIGITS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}

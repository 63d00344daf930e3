package dev.overcast.cloudsim.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Compute's fingerprints ({@code labelFingerprint}, {@code metadata.fingerprint}, a subnetwork's or an
 * instance's {@code fingerprint}): the discovery document declares them {@code format: byte}, base64 of
 * bytes, which clients decode (gcloud fails with "Invalid base64-encoded string" otherwise). Compute's are
 * eight bytes ({@code "42WmSpB8rSM="}) that change whenever the part they cover changes: here the first
 * eight bytes of the SHA-256 of that part's JSON, keys sorted.
 */
final class Fingerprint {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Fingerprint() {
    }

    static String of(Object covered) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(covered));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 8));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package dev.overcast.runtime.world;

import dev.overcast.core.cloud.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local world's secret store: every reference resolves to HMAC-SHA256(run key, reference), so
 * both ends of a tunnel get the same pre-shared key, no key is written anywhere, and each run has
 * different ones. The value is shaped for every cloud's PSK rules (letters and digits, 8–64
 * characters, not starting with 0).
 */
public final class DerivedSecrets implements SecretResolver {
    private final byte[] runKey;

    public DerivedSecrets(byte[] runKey) {
        this.runKey = runKey.clone();
    }

    public static DerivedSecrets random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new DerivedSecrets(key);
    }

    @Override
    public String resolve(String reference) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(runKey, "HmacSHA256"));
            return "k" + HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package dev.overcast.core.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cluster's join secret: one JSON object stored under {@link #reference} in the secret store of
 * every cloud the cluster spans, created by the flows before any instance (as the tunnels'
 * pre-shared keys are). Fields:
 * <ul>
 *   <li>{@value #TOKEN}: a kubeadm bootstrap token, {@code [a-z0-9]{6}.[a-z0-9]{16}};</li>
 *   <li>{@value #CA_CERT_HASH}: {@code sha256:<hex>} of the cluster CA's public key;</li>
 *   <li>{@value #CERTIFICATE_KEY}: 64 hex digits, the key kubeadm encrypts uploaded control-plane certificates with;</li>
 *   <li>{@value #CA_CERT} and {@value #CA_KEY}: the cluster CA in PEM, read by master 0 only.</li>
 * </ul>
 * The CA is made before the cluster so that its hash is known to joiners without master 0 writing
 * anything back. Instances fetch the secret at boot with their cloud's own identity; the plan and
 * the user-data carry only the reference.
 */
public final class JoinSecret {
    private JoinSecret() {
    }

    public static final String TOKEN = "token";
    public static final String CA_CERT_HASH = "caCertHash";
    public static final String CERTIFICATE_KEY = "certificateKey";
    public static final String CA_CERT = "caCert";
    public static final String CA_KEY = "caKey";

    /** The secret's name in every cloud's store: {@code <cluster>-kubeadm-join}. */
    public static String reference(String cluster) {
        return cluster + "-kubeadm-join";
    }

    /**
     * The Azure Key Vault holding the cluster's secrets: vault names are global, 3–24 characters, so
     * {@code overcast-} and the first 15 hex digits of the cluster name's SHA-256.
     */
    public static String azureKeyVault(String cluster) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cluster.getBytes(StandardCharsets.UTF_8));
            return "overcast-" + HexFormat.of().formatHex(digest).substring(0, 15);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

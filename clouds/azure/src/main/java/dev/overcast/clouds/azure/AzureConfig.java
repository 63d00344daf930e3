package dev.overcast.clouds.azure;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the adapter reaches Azure Resource Manager. The endpoint and the certificate to trust are plain
 * configuration (an emulator, a sovereign cloud); no code asks whether it is running locally.
 *
 * @param tenantId        the Entra ID tenant
 * @param subscriptionId  the subscription every resource group lives in
 * @param credentials     who to act as
 * @param endpoint        the resource manager endpoint instead of the public cloud's
 * @param trustedCertificatePem an extra certificate (PEM) to trust for TLS, e.g. an emulator's self-signed one
 * @param maxRetries      retries the SDK makes itself for throttling and 5xx before a call fails (0..5)
 * @param adminUsername   the Linux administrator of every VM
 * @param sshPublicKey    the administrator's OpenSSH public key, when logins by key are wanted
 */
public record AzureConfig(
        String tenantId,
        String subscriptionId,
        AzureCredentials credentials,
        Optional<URI> endpoint,
        Optional<String> trustedCertificatePem,
        int maxRetries,
        String adminUsername,
        Optional<String> sshPublicKey) {

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final String DEFAULT_ADMIN = "overcast";

    public AzureConfig {
        AzureCredentials.requireGuid("tenantId", tenantId);
        AzureCredentials.requireGuid("subscriptionId", subscriptionId);
        Objects.requireNonNull(credentials, "credentials");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        endpoint.ifPresent(AzureConfig::requireHttps);
        trustedCertificatePem = trustedCertificatePem == null ? Optional.empty() : trustedCertificatePem;
        trustedCertificatePem.ifPresent(pem -> {
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException("trustedCertificatePem must be a PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        });
        if (maxRetries < 0 || maxRetries > 5) {
            throw new IllegalArgumentException("maxRetries must be within 0..5, was " + maxRetries);
        }
        if (adminUsername == null || !adminUsername.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("adminUsername must be a Linux user name (lower case, at most 32), was '" + adminUsername + "'");
        }
        sshPublicKey = sshPublicKey == null ? Optional.empty() : sshPublicKey;
    }

    public static AzureConfig of(String tenantId, String subscriptionId, AzureCredentials credentials) {
        return new AzureConfig(tenantId, subscriptionId, credentials, Optional.empty(), Optional.empty(), DEFAULT_MAX_RETRIES,
                DEFAULT_ADMIN, Optional.empty());
    }

    /** An endpoint presenting {@code certificatePem}, e.g. cloudsim's Azure front. */
    public AzureConfig withEndpoint(URI uri, String certificatePem) {
        return new AzureConfig(tenantId, subscriptionId, credentials, Optional.of(uri), Optional.of(certificatePem), maxRetries,
                adminUsername, sshPublicKey);
    }

    public AzureConfig withMaxRetries(int retries) {
        return new AzureConfig(tenantId, subscriptionId, credentials, endpoint, trustedCertificatePem, retries, adminUsername, sshPublicKey);
    }

    public AzureConfig withSshPublicKey(String key) {
        return new AzureConfig(tenantId, subscriptionId, credentials, endpoint, trustedCertificatePem, maxRetries, adminUsername,
                Optional.of(key));
    }

    private static void requireHttps(URI uri) {
        // The SDK refuses to send a bearer token over plain http, so an http endpoint could never work.
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an https URI with a host, was '" + uri + "'");
        }
    }
}

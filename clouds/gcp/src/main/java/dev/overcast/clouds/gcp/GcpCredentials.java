package dev.overcast.clouds.gcp;

import java.util.regex.Pattern;

/**
 * Who the adapter acts as, given as configuration. Production uses a service account key (held in the
 * secret store, named by reference) or workload identity federation (an external-account configuration,
 * no key at all); emulators need none. Nothing else in the adapter knows which one it got.
 */
public sealed interface GcpCredentials {

    /** A service account key JSON, resolved through the adapter's {@code SecretResolver} when the clients are built. */
    record ServiceAccountKey(String keyReference) implements GcpCredentials {
        public ServiceAccountKey {
            if (keyReference == null || keyReference.isBlank()) {
                throw new IllegalArgumentException("keyReference must name the service account key in the secret store");
            }
        }
    }

    /**
     * Workload identity federation: the external-account configuration JSON (as {@code gcloud iam
     * workload-identity-pools create-cred-config} writes it). It holds no secret, only where to exchange tokens.
     */
    record WorkloadIdentityFederation(String externalAccountJson) implements GcpCredentials {
        private static final Pattern EXTERNAL_ACCOUNT = Pattern.compile("(?s).*\"type\"\\s*:\\s*\"external_account\".*");

        public WorkloadIdentityFederation {
            if (externalAccountJson == null || !EXTERNAL_ACCOUNT.matcher(externalAccountJson).matches()) {
                throw new IllegalArgumentException("externalAccountJson must be an external-account configuration "
                        + "(a JSON object with \"type\": \"external_account\")");
            }
        }
    }

    /** No credentials: for an emulator only. */
    record None() implements GcpCredentials {
    }
}

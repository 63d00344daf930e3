package dev.overcast.clouds.azure;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Who the adapter acts as, given as configuration. Production signs in as a service principal (its
 * secret fetched through the {@link dev.overcast.core.cloud.SecretResolver} by reference, never held in
 * configuration) or through workload identity federation (a token file the platform refreshes); local
 * runs and emulators hand over a static bearer token. Nothing else in the adapter knows which one it got.
 */
public sealed interface AzureCredentials {

    Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A service principal (app registration) with a client secret held in the secret store under {@code secretRef}. */
    record ServicePrincipal(String clientId, String secretRef) implements AzureCredentials {
        public ServicePrincipal {
            requireGuid("clientId", clientId);
            if (secretRef == null || secretRef.isBlank()) {
                throw new IllegalArgumentException("secretRef must name the client secret in the secret store");
            }
        }
    }

    /** Workload identity federation: the platform writes a federated token to {@code tokenFile}. */
    record WorkloadIdentity(String clientId, Path tokenFile) implements AzureCredentials {
        public WorkloadIdentity {
            requireGuid("clientId", clientId);
            if (tokenFile == null) {
                throw new IllegalArgumentException("tokenFile must be the path of the federated token file");
            }
        }
    }

    /** A fixed bearer token; for emulators and short-lived development sessions. */
    record StaticToken(String token) implements AzureCredentials {
        public StaticToken {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "StaticToken[****]";
        }
    }

    static void requireGuid(String field, String value) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a GUID such as 00000000-0000-0000-0000-000000000000, was "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
    }
}

package dev.overcast.core.bootstrap;

import dev.overcast.core.Cloud;
import java.util.List;
import java.util.Map;

/**
 * How an instance reads a secret by reference with its own cloud identity: a shell pipeline that
 * prints the secret's value, and the packages it needs beyond the cloud's Ubuntu image. The
 * placeholders {@code {ref}}, {@code {region}} and {@code {vault}} are filled at render time.
 *
 * @param packages Debian packages to install first
 * @param command  the pipeline
 */
record SecretFetch(List<String> packages, String command) {

    /** AWS: the instance profile and Secrets Manager; GCP: the service account and Secret Manager (gcloud ships with Google's Ubuntu images); Azure: the managed identity's token from IMDS and Key Vault's REST API. */
    static final Map<Cloud, SecretFetch> BY_CLOUD = Map.of(
            Cloud.AWS, new SecretFetch(List.of("awscli"),
                    "aws secretsmanager get-secret-value --region {region} --secret-id {ref} --query SecretString --output text"),
            Cloud.GCP, new SecretFetch(List.of(),
                    "gcloud secrets versions access latest --secret={ref}"),
            Cloud.AZURE, new SecretFetch(List.of(),
                    "curl -fsS -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net'"
                            + " | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])'"
                            + " | { read -r token; curl -fsS -H \"Authorization: Bearer $token\" 'https://{vault}.vault.azure.net/secrets/{ref}?api-version=7.4'; }"
                            + " | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"value\"])'"));

    String command(String reference, String region, String cluster) {
        return command.replace("{ref}", reference).replace("{region}", region).replace("{vault}", JoinSecret.azureKeyVault(cluster));
    }
}

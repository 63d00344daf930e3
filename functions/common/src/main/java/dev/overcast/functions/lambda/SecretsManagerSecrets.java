package dev.overcast.functions.lambda;

import dev.overcast.core.cloud.SecretResolver;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Pre-shared keys from Secrets Manager: a reference {@code demo-psk-aws-gcp} is the secret
 * {@code <prefix>demo-psk-aws-gcp}. Values are fetched when a cloud call needs them and never kept.
 */
public final class SecretsManagerSecrets implements SecretResolver {
    private final SecretsManagerClient client;
    private final String prefix;

    public SecretsManagerSecrets(String prefix, LambdaClients clients) {
        this.client = clients.configure(SecretsManagerClient.builder()).build();
        this.prefix = prefix;
    }

    @Override
    public String resolve(String reference) {
        return client.getSecretValue(r -> r.secretId(prefix + reference)).secretString();
    }
}

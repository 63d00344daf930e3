package dev.overcast.functions.azure;

import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.Priming;
import dev.overcast.functions.lambda.SecretsManagerSecrets;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Lambda application that converges Azure: the common steps with the Resource Manager adapter.
 * The service principal's secret is a Secrets Manager reference, resolved when a token is needed.
 */
@SpringBootConfiguration
public class AzureLambda implements ApplicationContextInitializer<GenericApplicationContext> {
    private static final String PRIMING_GUID = "00000000-0000-4000-8000-000000000000";

    public static void main(String[] args) {
        FunctionalSpringApplication.run(AzureLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        LambdaClients clients = new LambdaClients();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(LambdaEnvironment.required("OVERCAST_SECRET_PREFIX"), clients);
        AzureConfig config = AzureConfig.of(LambdaEnvironment.required("OVERCAST_AZURE_TENANT_ID"),
                LambdaEnvironment.required("OVERCAST_AZURE_SUBSCRIPTION_ID"),
                new AzureCredentials.ServicePrincipal(LambdaEnvironment.required("OVERCAST_AZURE_CLIENT_ID"),
                        LambdaEnvironment.required("OVERCAST_AZURE_SECRET_REF")));
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(new AzureAdapter(config, secrets)), clients));
        priming(clients, secrets).register(context);
    }

    /**
     * The converge path primed before the snapshot: the ARM adapter with a throwaway token on the stub.
     * ARM takes a bearer token over https only, so the stub's TLS endpoint hangs up after the client's
     * hello: the request's pipeline, serialization and TLS handshake are primed, the response's parsing is not.
     */
    public static Priming priming(LambdaClients clients, SecretResolver secrets) {
        return Priming.ofSteps(clients, "eastus", stub -> new AzureAdapter(new AzureConfig(PRIMING_GUID, PRIMING_GUID,
                new AzureCredentials.StaticToken("priming"), Optional.of(stub.tlsEndpoint()), Optional.empty(),
                0, AzureConfig.DEFAULT_ADMIN, Optional.empty()), secrets));
    }
}

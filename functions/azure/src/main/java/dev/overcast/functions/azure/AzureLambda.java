package dev.overcast.functions.azure;

import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.SecretsManagerSecrets;
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

    public static void main(String[] args) {
        FunctionalSpringApplication.run(AzureLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(LambdaEnvironment.required("OVERCAST_SECRET_PREFIX"));
        AzureConfig config = AzureConfig.of(LambdaEnvironment.required("OVERCAST_AZURE_TENANT_ID"),
                LambdaEnvironment.required("OVERCAST_AZURE_SUBSCRIPTION_ID"),
                new AzureCredentials.ServicePrincipal(LambdaEnvironment.required("OVERCAST_AZURE_CLIENT_ID"),
                        LambdaEnvironment.required("OVERCAST_AZURE_SECRET_REF")));
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(new AzureAdapter(config, secrets))));
    }
}

package dev.overcast.functions.gcp;

import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.SecretsManagerSecrets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Lambda application that converges GCP: the common steps with the Compute adapter. The service
 * account key is a Secrets Manager reference, resolved when the adapter needs it; never a value here.
 */
@SpringBootConfiguration
public class GcpLambda implements ApplicationContextInitializer<GenericApplicationContext> {

    public static void main(String[] args) {
        FunctionalSpringApplication.run(GcpLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(LambdaEnvironment.required("OVERCAST_SECRET_PREFIX"));
        GcpConfig config = GcpConfig.of(LambdaEnvironment.required("OVERCAST_GCP_PROJECT"),
                new GcpCredentials.ServiceAccountKey(LambdaEnvironment.required("OVERCAST_GCP_KEY_REF")));
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(new GcpAdapter(config, secrets))));
    }
}

package dev.overcast.functions.gcp;

import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
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
        LambdaClients clients = new LambdaClients();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(LambdaEnvironment.required("OVERCAST_SECRET_PREFIX"), clients);
        GcpConfig config = GcpConfig.of(LambdaEnvironment.required("OVERCAST_GCP_PROJECT"),
                new GcpCredentials.ServiceAccountKey(LambdaEnvironment.required("OVERCAST_GCP_KEY_REF")));
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(new GcpAdapter(config, secrets)), clients));
        priming(clients, secrets).register(context);
    }

    /** The converge path primed before the snapshot: the Compute adapter, without credentials, on the stub. */
    public static Priming priming(LambdaClients clients, SecretResolver secrets) {
        return Priming.ofSteps(clients, "us-central1", stub -> new GcpAdapter(new GcpConfig("overcast-priming",
                new GcpCredentials.None(), Optional.of(stub.endpoint()), 1), secrets));
    }
}

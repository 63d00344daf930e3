package dev.overcast.functions.aws;

import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.Priming;
import dev.overcast.functions.lambda.SecretsManagerSecrets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Lambda application that converges AWS: the common steps with the EC2 adapter. The team's
 * account is reached only by assuming the role template.yaml names, proving its ExternalId; tunnel
 * keys come from Secrets Manager by reference.
 */
@SpringBootConfiguration
public class AwsLambda implements ApplicationContextInitializer<GenericApplicationContext> {
    private static final AwsCredentials PRIMING_KEYS = new AwsCredentials.StaticKeys("priming", "priming");

    public static void main(String[] args) {
        FunctionalSpringApplication.run(AwsLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        AwsCredentials role = new AwsCredentials.AssumeRole(LambdaEnvironment.required("OVERCAST_AWS_ROLE_ARN"),
                LambdaEnvironment.required("OVERCAST_AWS_EXTERNAL_ID"), "overcast-converge");
        LambdaClients clients = new LambdaClients();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(LambdaEnvironment.required("OVERCAST_SECRET_PREFIX"), clients);
        AwsAdapter adapter = new AwsAdapter(AwsConfig.of(role), secrets);
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(adapter), clients));
        priming(clients, secrets).register(context);
    }

    /** The converge path primed before the snapshot: the EC2 adapter, with throwaway keys, on the stub. */
    public static Priming priming(LambdaClients clients, SecretResolver secrets) {
        return Priming.ofSteps(clients, "us-east-1", stub -> new AwsAdapter(AwsConfig.of(PRIMING_KEYS).withEndpoint(stub.endpoint()), secrets));
    }
}

package dev.overcast.runtime.bench.coldstart;

import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * {@code MAIN_CLASS} of the converge functions' Spring variant: the deployed Lambdas' registration
 * (functional, no scanning) and priming, with the adapter on cloudsim instead of a team's account.
 */
@SpringBootConfiguration
public class BenchLambda implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        LambdaClients clients = new LambdaClients();
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(CloudSimAdapter.fromEnvironment()), clients));
        CloudSimAdapter.priming(clients).register(context);
        BenchPriming.application(context);
    }
}

package dev.overcast.functions.lambda;

import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Lambda application of the cloud-neutral steps (locks, plan, status, queue, checks): no cloud
 * adapter. {@code MAIN_CLASS} names it; the handler is Spring Cloud Function's {@code FunctionInvoker}.
 */
@SpringBootConfiguration
public class CommonLambda implements ApplicationContextInitializer<GenericApplicationContext> {

    public static void main(String[] args) {
        FunctionalSpringApplication.run(CommonLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        LambdaClients clients = new LambdaClients();
        OvercastFunctions.register(context, LambdaEnvironment.wiring(CloudAdapters.of(), clients));
        Priming.ofSteps(clients).register(context);
    }
}

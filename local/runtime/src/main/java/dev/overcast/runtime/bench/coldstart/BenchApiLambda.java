package dev.overcast.runtime.bench.coldstart;

import dev.overcast.functions.api.lambda.ApiLambda;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.support.GenericApplicationContext;

/** {@code MAIN_CLASS} of the API's Spring variant: the deployed API application, its priming within reach. */
@SpringBootConfiguration
public class BenchApiLambda extends ApiLambda {

    @Override
    public void initialize(GenericApplicationContext context) {
        super.initialize(context);
        BenchPriming.application(context);
    }
}

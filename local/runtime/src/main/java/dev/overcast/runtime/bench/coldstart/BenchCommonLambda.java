package dev.overcast.runtime.bench.coldstart;

import dev.overcast.functions.lambda.CommonLambda;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.support.GenericApplicationContext;

/** {@code MAIN_CLASS} of the common steps' Spring variant: the deployed application, its priming within reach. */
@SpringBootConfiguration
public class BenchCommonLambda extends CommonLambda {

    @Override
    public void initialize(GenericApplicationContext context) {
        super.initialize(context);
        BenchPriming.application(context);
    }
}

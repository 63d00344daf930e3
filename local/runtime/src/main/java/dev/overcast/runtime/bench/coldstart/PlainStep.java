package dev.overcast.runtime.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.Step;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;

/** A common step's baseline: the bean {@code SPRING_CLOUD_FUNCTION_DEFINITION} names, as a plain handler built once per JVM. */
public final class PlainStep implements RequestHandler<Object, Object> {
    private final Step<Object, Object> step;

    @SuppressWarnings("unchecked")
    public PlainStep() {
        this.step = (Step<Object, Object>) OvercastFunctions.steps(LambdaEnvironment.wiring(CloudAdapters.of(), new LambdaClients()))
                .get(LambdaEnvironment.required("SPRING_CLOUD_FUNCTION_DEFINITION"));
    }

    @SuppressWarnings("unchecked")
    Class<Object> input() {
        return (Class<Object>) step.input();
    }

    @Override
    public Object handleRequest(Object request, Context context) {
        return step.apply(request);
    }
}

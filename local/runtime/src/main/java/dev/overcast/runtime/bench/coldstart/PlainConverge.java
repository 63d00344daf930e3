package dev.overcast.runtime.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overcast.core.plan.Planner;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.converge.BuildTimes;
import dev.overcast.functions.converge.ConvergeCloud;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;

/**
 * The baseline: the same converge step as a plain Lambda handler, no Spring. The step and its store,
 * plans and adapter are built once per JVM, as a handler's constructor would on Lambda.
 */
public final class PlainConverge implements RequestHandler<ConvergeCloud.Request, ConvergeCloud.Result> {
    private final ConvergeCloud converge;

    public PlainConverge() {
        OvercastFunctions.Wiring wiring = LambdaEnvironment.wiring(CloudAdapters.of(CloudSimAdapter.fromEnvironment()), new LambdaClients());
        this.converge = new ConvergeCloud(wiring.store(), new ClusterPlans(wiring.store(), Planner.standard()),
                wiring.adapters(), wiring.clock(), BuildTimes.of(wiring.adapters()));
    }

    @Override
    public ConvergeCloud.Result handleRequest(ConvergeCloud.Request request, Context context) {
        return converge.apply(request);
    }
}

package dev.overcast.functions.check;

import dev.overcast.functions.Inputs;
import dev.overcast.functions.Step;
import dev.overcast.functions.cluster.ClusterPlans;

/** Wait-for-nodes poll: the machine Waits and calls again until every planned node is ready. */
public final class CheckNodes extends Step<CheckNodes.Request, CheckNodes.Result> {

    /** @param executionId the flow's ({@code $$.Execution.Id}), read only for the log lines' correlation keys */
    public record Request(String clusterId, String executionId) {
    }

    public record Result(String clusterId, int expected, int ready, boolean allReady) {
    }

    private final ClusterPlans plans;
    private final NodeCheck nodes;

    public CheckNodes(ClusterPlans plans, NodeCheck nodes) {
        super(CheckNodes.Request.class, CheckNodes.Result.class);
        this.plans = plans;
        this.nodes = nodes;
    }

    @Override
    public Result apply(Request request) {
        String clusterId = Inputs.requireText("clusterId", request.clusterId());
        NodeCheck.NodeReport report = nodes.nodes(plans.plan(clusterId));
        return new Result(clusterId, report.expected(), report.ready(), report.allReady());
    }
}

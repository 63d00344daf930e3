package dev.overcast.functions.check;

import dev.overcast.core.region.RegionSelector;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.Step;
import dev.overcast.functions.cluster.ClusterPlans;
import java.util.Locale;

/**
 * The cross-cloud round-trip condition: the worst pair against the 10 ms budget. Reported as the
 * condition text the machine writes as the ready status's reason; over budget it is still reported,
 * not fatal, since the cluster works, only slower than promised.
 */
public final class VerifyLatency extends Step<VerifyLatency.Request, VerifyLatency.Result> {

    /** @param executionId the flow's ({@code $$.Execution.Id}), read only for the log lines' correlation keys */
    public record Request(String clusterId, String executionId) {
    }

    public record Result(String clusterId, double worstMillis, boolean withinBudget, String condition) {
    }

    private final ClusterPlans plans;
    private final LatencyCheck latency;

    public VerifyLatency(ClusterPlans plans, LatencyCheck latency) {
        super(VerifyLatency.Request.class, VerifyLatency.Result.class);
        this.plans = plans;
        this.latency = latency;
    }

    @Override
    public Result apply(Request request) {
        String clusterId = Inputs.requireText("clusterId", request.clusterId());
        LatencyCheck.LatencyReport report = latency.worst(plans.plan(clusterId));
        boolean within = report.worstMillis() <= RegionSelector.MAX_RTT_MS;
        String condition = report.pair() == null
                ? "CrossCloudRtt=True: one cloud, no cross-cloud traffic"
                : String.format(Locale.ROOT, "CrossCloudRtt=%s: worst %.2f ms (%s, %s) against a budget of %.0f ms",
                        within ? "True" : "False", report.worstMillis(), report.pair(),
                        report.measured() ? "measured" : "planned", RegionSelector.MAX_RTT_MS);
        return new Result(clusterId, report.worstMillis(), within, condition);
    }
}

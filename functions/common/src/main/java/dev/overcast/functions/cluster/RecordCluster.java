package dev.overcast.functions.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterIds;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Pins;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import dev.overcast.store.exceptions.ClusterAlreadyExistsException;
import java.time.InstantSource;
import java.util.List;

/**
 * Plan and record: validates and plans the spec (so a bad spec fails before any cloud call) and
 * creates the cluster row in {@code creating} under the locked id, which whoever started the flow drew
 * ({@code ClusterIds}), with the planner's decisions as its {@link Pins}. The console API records the row
 * itself before it answers 202; that row (same id, tenant and spec, still creating) is this create's own and
 * is taken as recorded. Another cluster of the id, or a live one of the name in the tenant, fails with the store's
 * {@code ClusterAlreadyExistsException} and is left alone.
 */
public final class RecordCluster extends Step<RecordCluster.Request, RecordCluster.Result> {

    /** @param spec the cluster spec as JSON; the cluster's id is the lease's */
    public record Request(String tenant, JsonNode spec, LeaseRef lease) {
    }

    public record Result(String clusterId, List<String> clouds, int resources) {
    }

    private final Store store;
    private final Planner planner;
    private final InstantSource clock;

    public RecordCluster(Store store, Planner planner, InstantSource clock) {
        super(RecordCluster.Request.class, RecordCluster.Result.class);
        this.store = store;
        this.planner = planner;
        this.clock = clock;
    }

    @Override
    public Result apply(Request request) {
        if (request.spec() == null || !request.spec().isObject()) {
            throw new RequestRefused("spec: required, a cluster spec object");
        }
        if (request.lease() == null) {
            throw new RequestRefused("lease: required");
        }
        String specJson = request.spec().toString();
        ClusterSpec spec = SpecReader.parseJson(specJson);
        String clusterId = request.lease().clusterId();
        if (!ClusterIds.isValid(clusterId)) {
            throw new RequestRefused("clusterId: must be a cluster id (what a cluster name may be), was '" + clusterId + "'");
        }
        Planner.Decided decided = planner.decide(clusterId, spec, null);
        Plan plan = decided.plan();
        String tenant = Inputs.requireText("tenant", request.tenant());
        try {
            store.clusters().create(plan.cluster(), tenant, spec.name(), specJson, decided.pins().toJson());
        } catch (ClusterAlreadyExistsException e) {
            boolean recordedForThisCreate = store.clusters().find(plan.cluster())
                    .filter(c -> c.tenant().equals(tenant) && c.status() == ClusterStatus.CREATING && c.spec().equals(specJson))
                    .isPresent();
            if (!recordedForThisCreate) {
                throw e;
            }
        }
        store.progress().record(new ProgressEvent(request.lease().owner(), plan.cluster(), "plan", "succeeded",
                clock.instant(), plan.resources().size() + " resources in " + plan.regions()));
        return new Result(plan.cluster(), spec.cloudList().stream().map(Cloud::id).toList(), plan.resources().size());
    }
}

package dev.overcast.functions.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.store.ChangeKind;
import dev.overcast.store.Cluster;
import dev.overcast.store.QueuedChange;
import dev.overcast.store.Store;
import java.util.function.Consumer;

/**
 * Queues a new worker count for one cloud. Every scale goes through the queue, whether the cluster is
 * locked or not, so there is one way a spec changes: whoever holds the lease drains the queue. The
 * request is checked against the current spec first (a count the planner refuses is never queued);
 * masters are fixed after creation and a request naming them is refused, as is any request once the
 * cluster is being destroyed (a change queued before destroy took the lease is superseded by it).
 */
public final class RequestScale extends Step<RequestScale.Request, RequestScale.Result> {

    /** @param masters present only to refuse it clearly: masters cannot change after creation */
    public record Request(String clusterId, String cloud, Integer workers, Integer masters) {
    }

    public record Result(String clusterId, long seq, String changeId) {
    }

    private final Store store;
    private final Planner planner;
    private final Consumer<Plan> admission;

    public RequestScale(Store store, Planner planner) {
        this(store, planner, plan -> { });
    }

    /** @param admission sees the scaled plan before the change is queued and may refuse it (a quota check) */
    public RequestScale(Store store, Planner planner, Consumer<Plan> admission) {
        super(RequestScale.Request.class, RequestScale.Result.class);
        this.store = store;
        this.planner = planner;
        this.admission = admission;
    }

    @Override
    public Result apply(Request request) {
        if (request.masters() != null) {
            throw new RequestRefused("masters: the control plane is fixed after creation; scale workers instead");
        }
        if (request.workers() == null) {
            throw new RequestRefused("workers: required, the new worker count for the cloud");
        }
        Cloud cloud = Inputs.cloud("cloud", request.cloud());
        Cluster cluster = store.clusters().get(Inputs.requireText("clusterId", request.clusterId()));
        if (cluster.status() == ClusterStatus.DELETING || cluster.status() == ClusterStatus.DELETED) {
            // Nobody would ever drain it: destroy does not apply changes, and a deleted cluster has no next holder.
            throw new RequestRefused("clusterId: cluster " + cluster.id() + " is " + cluster.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; a scale is refused once destroy has started");
        }
        if (!SpecReader.parseJson(cluster.spec()).cloudList().contains(cloud)) {
            throw new RequestRefused("cloud: cluster " + cluster.id() + " does not span " + cloud);
        }
        WorkerScaling.Payload payload = new WorkerScaling.Payload(cloud.id(), request.workers());
        try {
            admission.accept(planner.plan(cluster.id(), SpecReader.parseJson(WorkerScaling.withWorkers(cluster.spec(), payload))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster " + cluster.id() + " holds a spec that is not JSON", e);
        }
        QueuedChange queued = store.changes().enqueue(cluster.id(), ChangeKind.SCALE_WORKERS, WorkerScaling.payload(payload));
        return new Result(cluster.id(), queued.seq(), queued.changeId());
    }
}

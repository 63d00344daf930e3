package dev.overcast.functions.cluster;

import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;

/**
 * A cluster's plan, re-planned from its stored spec. Planning is deterministic (same spec, same
 * catalog: byte-identical plan), so steps pass only the cluster id and never a plan payload.
 */
public final class ClusterPlans {
    private final Store store;
    private final Planner planner;

    public ClusterPlans(Store store, Planner planner) {
        this.store = store;
        this.planner = planner;
    }

    public Plan plan(String clusterId) {
        return plan(store.clusters().get(clusterId));
    }

    public Plan plan(Cluster cluster) {
        return planner.plan(cluster.id(), SpecReader.parseJson(cluster.spec()));
    }
}

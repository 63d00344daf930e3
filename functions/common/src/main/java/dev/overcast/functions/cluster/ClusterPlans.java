package dev.overcast.functions.cluster;

import dev.overcast.core.plan.Pins;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;
import java.util.List;
import java.util.TreeMap;

/**
 * A cluster's plan, re-planned from its stored spec under its stored {@link Pins}, so a release's
 * catalogs and defaults never move a recorded cluster. Planning is deterministic (same spec, pins
 * and release: byte-identical plan), so steps pass only the cluster id and never a plan payload.
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
        return planner.plan(cluster.id(), SpecReader.parseJson(cluster.spec()), pins(cluster));
    }

    /** The plan of a changed spec of a recorded cluster (a scale), under the cluster's pins. */
    public Plan plan(Cluster cluster, String changedSpec) {
        return planner.plan(cluster.id(), SpecReader.parseJson(changedSpec), pins(cluster));
    }

    /** The cluster's pins; for a cluster recorded before pins existed, the ones {@link #latePins} gives. */
    public Pins pins(Cluster cluster) {
        return cluster.pins() != null ? Pins.fromJson(cluster.pins()) : latePins(cluster);
    }

    /** What the running release decides otherwise than the cluster's pins, one line each; empty when nothing. */
    public List<String> releaseDifferences(Cluster cluster) {
        return pins(cluster).differences(planner.pins(cluster.id(), SpecReader.parseJson(cluster.spec())));
    }

    /**
     * The default Kubernetes version of every release before pins existed: a cluster recorded then
     * without a version runs this one, whatever this release's default is.
     */
    static final String KUBERNETES_VERSION_BEFORE_PINS = "1.31";

    /**
     * Pins for a cluster recorded before pins existed (late initialisation): the region of each cloud
     * where its network already is, as the inventory recorded it (the release that built it may have
     * chosen otherwise than this one would), the default version of those releases, everything else
     * (machine types, images, zones, address defaults: unchanged since) as this release decides it.
     */
    private Pins latePins(Cluster cluster) {
        ClusterSpec spec = SpecReader.parseJson(cluster.spec());
        TreeMap<String, String> regions = new TreeMap<>();
        store.inventory().list(cluster.id()).stream()
                .filter(e -> e.kind() == ResourceKind.NETWORK && e.region() != null)
                .forEach(e -> regions.put(e.cloud().id(), e.region()));
        Pins built = new Pins(Planner.VERSION, KUBERNETES_VERSION_BEFORE_PINS, regions, null, null, null, null, null, null, null);
        return planner.decide(cluster.id(), spec, built).pins();
    }
}

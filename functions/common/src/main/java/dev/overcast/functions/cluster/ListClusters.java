package dev.overcast.functions.cluster;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.functions.Step;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The clusters the hourly reconcile visits: settled ones (ready, or failed and worth repairing).
 * Creating, scaling, reconciling and deleting clusters are under another flow's lease anyway.
 */
public final class ListClusters extends Step<ListClusters.Request, ListClusters.Result> {
    private static final Set<ClusterStatus> DUE = EnumSet.of(ClusterStatus.READY, ClusterStatus.FAILED);

    /** The schedule's event; its fields do not matter, only that it fired. */
    public record Request(String time) {
    }

    public record Due(String clusterId) {
    }

    public record Result(List<Due> clusters) {
    }

    private final Store store;

    public ListClusters(Store store) {
        super(ListClusters.Request.class, ListClusters.Result.class);
        this.store = store;
    }

    @Override
    public Result apply(Request request) {
        return new Result(store.clusters().list().stream()
                .filter(c -> DUE.contains(c.status()))
                .map(Cluster::id)
                .sorted()
                .map(Due::new)
                .toList());
    }
}

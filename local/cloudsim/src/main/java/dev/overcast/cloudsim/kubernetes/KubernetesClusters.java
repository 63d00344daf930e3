package dev.overcast.cloudsim.kubernetes;

import dev.overcast.cloudsim.world.World;
import dev.overcast.core.region.RegionCatalog;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes clusters of a simulated world, one API server per cluster id (the
 * {@code overcast:cluster} tag of its instances). An instance of any front whose cloud-init
 * user-data carries a well-formed {@code kubeadm init} or {@code join} becomes a node of its cluster
 * after {@code kubernetes/node.init} (3 min) or {@code kubernetes/node.join} (90 s, counted from the
 * control plane being up) on the virtual clock; see {@link NodeSchedule}. Nodes are brought up to date
 * whenever the API server is read. Round trips between nodes are the world's latency model (core's
 * {@link RegionCatalog}), published as the probe DaemonSet would: see
 * {@link dev.overcast.core.cluster.ClusterProbe#RTT_ANNOTATION}.
 */
public final class KubernetesClusters implements AutoCloseable {
    static final String KUBERNETES = "kubernetes";

    private final World world;
    private final NodeSchedule schedule;
    private final Map<String, ClusterApi> apis = new TreeMap<>();

    public KubernetesClusters(World world, RegionCatalog regions) {
        this.world = world;
        this.schedule = new NodeSchedule(world.durations().of(KUBERNETES, "node.init"),
                world.durations().of(KUBERNETES, "node.join"), regions);
    }

    /**
     * The cluster's API server, {@code http://127.0.0.1:PORT}, started on first use. It asks for no
     * credentials: a client needs only this URL as its master URL.
     */
    public synchronized URI endpoint(String clusterId) {
        return apis.computeIfAbsent(clusterId, id -> new ClusterApi(() -> nodes(id))).endpoint();
    }

    private List<SimNode> nodes(String clusterId) {
        return world.atomically(() -> {
            var now = world.clock().now();
            List<Machine> machines = Machine.SHAPES.stream()
                    .flatMap(shape -> world.everywhere(shape.type()).stream()
                            .filter(r -> r.key().front().equals(shape.cloud().id()) && Machine.tagged(shape, r, clusterId))
                            .flatMap(r -> Machine.of(shape, r, now).stream()))
                    .toList();
            return schedule.nodes(machines, now);
        });
    }

    @Override
    public synchronized void close() {
        apis.values().forEach(ClusterApi::close);
        apis.clear();
    }
}

package dev.overcast.functions.check;

import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterProbe;
import dev.overcast.core.cluster.NodeLatency;
import dev.overcast.core.cluster.NodeStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Nodes and round trips as the cluster's own Kubernetes API reports them: ready nodes named like
 * planned instances, and the worst round trip the nodes published between two clouds. The probe of a
 * cluster comes from {@code probes} (fabric8 against the cluster's API server) and is closed after use.
 */
public final class ProbedCluster implements NodeCheck, LatencyCheck {
    private final Function<String, ClusterProbe> probes;

    public ProbedCluster(Function<String, ClusterProbe> probes) {
        this.probes = probes;
    }

    @Override
    public NodeReport nodes(Plan plan) {
        Set<String> instances = plan.resources().stream().filter(r -> r.kind() == ResourceKind.INSTANCE)
                .map(Resource::name).collect(Collectors.toSet());
        List<NodeStatus> nodes = read(plan.cluster(), ClusterProbe::nodes);
        int ready = (int) nodes.stream().filter(n -> n.ready() && instances.contains(n.name())).count();
        return new NodeReport(instances.size(), ready);
    }

    @Override
    public LatencyReport worst(Plan plan) {
        Map<String, Cloud> cloudOf = new HashMap<>();
        read(plan.cluster(), ClusterProbe::nodes).forEach(n -> cloudOf.put(n.name(), n.cloud()));
        return read(plan.cluster(), ClusterProbe::latencies).stream()
                .filter(l -> cloudOf.get(l.from()) != null && cloudOf.get(l.from()) != cloudOf.get(l.to()))
                .max(Comparator.comparingDouble(NodeLatency::millis))
                .map(l -> new LatencyReport(l.millis(), l.from() + " <-> " + l.to(), true))
                .orElseGet(() -> new PlannedLatency().worst(plan));
    }

    private <T> T read(String clusterId, Function<ClusterProbe, T> what) {
        ClusterProbe probe = probes.apply(clusterId);
        try {
            return what.apply(probe);
        } finally {
            if (probe instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the probe of cluster " + clusterId, e);
                }
            }
        }
    }
}
